import { createLogger, GatewayClient, hubSecret, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { MessagesGraph } from './graph';
import { InProcessBus, RedisBus, type MessageBus } from './bus';
import { DEFAULT_RATE_LIMIT, SendRateLimiter, type RateLimitConfig } from './rate-limit';
import { HEARTBEAT_MS, LiveStreams } from './stream';

export interface MessagesConfig {
  /** Redis for the live streams' pub/sub and the send counters (shared by replicas); unset: in this process. */
  redisUrl?: string;
  /** Prefix of every Redis key and channel (tests use a unique one). */
  redisPrefix?: string;
  rateLimit?: RateLimitConfig;
  heartbeatMs?: number;
}

/** The messages settings from the environment (REDIS_URL, CORPHUB_MESSAGES_*). */
export function messagesConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MessagesConfig {
  const number = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer, not "${value}"`);
    return parsed;
  };
  return {
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.CORPHUB_REDIS_PREFIX ?? 'corphub:',
    rateLimit: {
      points: number('CORPHUB_MESSAGES_RATE_LIMIT', env.CORPHUB_MESSAGES_RATE_LIMIT, DEFAULT_RATE_LIMIT.points),
      windowSeconds: number('CORPHUB_MESSAGES_RATE_WINDOW_SECONDS', env.CORPHUB_MESSAGES_RATE_WINDOW_SECONDS, DEFAULT_RATE_LIMIT.windowSeconds),
    },
  };
}

export async function createServer(options: CreateServerOptions, config: MessagesConfig = messagesConfigFromEnv()): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const logger = options.logger ?? createLogger('messages');
  // the directory and identity are read through the gateway; runners that start no gateway of their own point here
  const fallback = process.env.CORPHUB_GATEWAY_URL || 'http://localhost:4000/graphql';
  const gatewayUrl = options.gatewayUrl ?? (() => fallback);
  const graph = new MessagesGraph(new GatewayClient({ service: 'messages', gatewayUrl, internalSecret: hubSecret(security) }));
  const prefix = config.redisPrefix ?? 'corphub:';
  let bus: MessageBus;
  let limiter: SendRateLimiter;
  if (config.redisUrl) {
    const redisBus = new RedisBus(config.redisUrl, prefix, logger);
    await redisBus.ready();
    bus = redisBus;
    limiter = new SendRateLimiter(config.rateLimit ?? DEFAULT_RATE_LIMIT, { client: redisBus.client, prefix });
  } else {
    bus = new InProcessBus();
    limiter = new SendRateLimiter(config.rateLimit ?? DEFAULT_RATE_LIMIT);
  }
  const streams = new LiveStreams(bus, logger, config.heartbeatMs ?? HEARTBEAT_MS);
  try {
    const server = await startSubgraphServer({ services: {},
      name: 'messages',
      schema: await buildSchema(),
      createLoaders: createLoaders({ graph, limiter, bus, logger }),
      routes: (router, kit) => streams.routes(router, kit),
      ...options,
      logger,
      security,
    });
    return {
      ...server,
      stop: async () => {
        // open streams would hold the HTTP server's drain for its whole grace period
        streams.closeAll();
        await server.stop();
        await bus.close();
      },
    };
  } catch (error) {
    streams.closeAll();
    await bus.close();
    throw error;
  }
}
