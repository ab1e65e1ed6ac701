import { hubSecret, ModuleGraph, readEnv, readSecurityConfig, type CreateServerOptions, type Logger, type RawEnv } from '@corphub/module-kit';
import { MessagesGraph } from './graph';
import { InProcessBus, RedisBus, type MessageBus } from './messages/message.bus';
import { DEFAULT_RATE_LIMIT, SendRateLimiter, type RateLimitConfig } from './messages/message.rate-limit';

export interface MessagesConfig {
  /** Redis for the live streams' pub/sub and the send counters (shared by replicas); unset: in this process. */
  redisUrl?: string;
  /** Prefix of every Redis key and channel (tests use a unique one). */
  redisPrefix?: string;
  rateLimit?: RateLimitConfig;
  heartbeatMs?: number;
}

/** The messages settings from the environment (REDIS_URL, CORPHUB_MESSAGES_*). */
export function messagesConfigFromEnv(env?: RawEnv): MessagesConfig {
  const vars = readEnv(['REDIS_URL', 'CORPHUB_REDIS_PREFIX', 'CORPHUB_MESSAGES_RATE_LIMIT', 'CORPHUB_MESSAGES_RATE_WINDOW_SECONDS'], env);
  return {
    redisUrl: vars.REDIS_URL,
    redisPrefix: vars.CORPHUB_REDIS_PREFIX,
    rateLimit: { points: vars.CORPHUB_MESSAGES_RATE_LIMIT, windowSeconds: vars.CORPHUB_MESSAGES_RATE_WINDOW_SECONDS },
  };
}

/** Per-process services, built once per server and handed to every request's context. */
export interface MessagesServices {
  /** The directory and identity, read through the gateway as `service:messages`. */
  graph: MessagesGraph;
  /** Sends per sender and corp. */
  limiter: SendRateLimiter;
  /** How a send reaches the live streams of every replica. */
  bus: MessageBus;
}

/** Async: with Redis, the bus is subscribed before the server answers. */
export async function createServices(options: CreateServerOptions & { logger: Logger }, config: MessagesConfig): Promise<MessagesServices> {
  const internalSecret = hubSecret(options.security ?? readSecurityConfig(undefined, 'subgraph'));
  // the directory and identity are read through the gateway; runners that start no gateway of their own point at CORPHUB_GATEWAY_URL
  const graph = new MessagesGraph(ModuleGraph.clientFor('messages', options, internalSecret));
  const prefix = config.redisPrefix ?? 'corphub:';
  const rateLimit = config.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (!config.redisUrl) return { graph, bus: new InProcessBus(), limiter: new SendRateLimiter(rateLimit) };
  const bus = new RedisBus(config.redisUrl, prefix, options.logger);
  await bus.ready();
  return { graph, bus, limiter: new SendRateLimiter(rateLimit, { client: bus.client, prefix }) };
}
