import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ENV_SCHEMA } from '@corphub/module-kit/core';
import type { Logger } from '@corphub/module-kit';
import type { CallerAccessResolver } from './access';

/** The Redis channel on which gateway replicas tell each other that a corp's access changed. */
export const DEFAULT_ACCESS_CHANNEL = ENV_SCHEMA.CORPHUB_ACCESS_CHANNEL.default;

/** How long a change waits for Redis to take its notice before answering anyway. */
const PUBLISH_WAIT_MS = 500;

export interface AccessNotices {
  /** Drops the corp's access here and tells every other replica to drop theirs. */
  changed(corpId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Install, uninstall and scope changes run through one gateway replica; the others cached the corp's access
 * for CORPHUB_ACCESS_CACHE_SECONDS. With Redis, the replica that ran the change publishes the corp on a
 * channel and every replica drops that corp at once (the change answers once Redis has taken the notice, or
 * after half a second without it). Without Redis, or while Redis is down, the others
 * catch up when their cache expires.
 */
export function accessNotices(access: CallerAccessResolver, options: { redisUrl?: string; channel: string; logger: Logger }): AccessNotices {
  if (!options.redisUrl) return { changed: (corpId) => access.invalidate(corpId), stop: () => Promise.resolve() };
  const replica = randomUUID();
  const publisher = new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  const subscriber = new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
  const warn = (what: string) => (error: Error) => options.logger.warn({ err: error }, `access notices: ${what} (caches expire on their own)`);
  publisher.on('error', warn('redis error'));
  subscriber.on('error', warn('redis error'));
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      const notice = JSON.parse(message) as { corpId?: unknown; from?: unknown };
      if (typeof notice.corpId === 'string' && notice.from !== replica) void access.invalidate(notice.corpId);
    } catch {
      options.logger.warn({ message }, 'access notices: unreadable notice ignored');
    }
  });
  subscriber.subscribe(options.channel).catch(warn('subscribe failed'));
  return {
    async changed(corpId) {
      await access.invalidate(corpId);
      // Waited for, so that the other replicas have the notice before the admin has the answer ("at once"),
      // but only briefly: a Redis that is down must not hold the answer.
      const published = publisher.publish(options.channel, JSON.stringify({ corpId, from: replica })).catch(warn('publish failed'));
      let timer: NodeJS.Timeout | undefined;
      const bounded = new Promise<void>((resolve) => (timer = setTimeout(resolve, PUBLISH_WAIT_MS)));
      await Promise.race([published, bounded]).finally(() => clearTimeout(timer));
    },
    // never waits on Redis: an unreachable server would hold the stop forever
    stop() {
      subscriber.disconnect();
      publisher.disconnect();
      return Promise.resolve();
    },
  };
}
