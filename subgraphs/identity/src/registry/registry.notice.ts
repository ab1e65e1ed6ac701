import { Redis } from 'ioredis';
import { ENV_SCHEMA } from '@corphub/module-kit';

/** The Redis channel on which the registry announces a new supergraph to every gateway replica. */
export const DEFAULT_REGISTRY_CHANNEL = ENV_SCHEMA.CORPHUB_REGISTRY_CHANNEL.default;

/** Tells every gateway replica subscribed to `channel` that the registry wrote supergraph `revision`. */
export async function announceSupergraph(redisUrl: string, channel: string, revision: number): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.publish(channel, String(revision));
  } finally {
    redis.disconnect();
  }
}
