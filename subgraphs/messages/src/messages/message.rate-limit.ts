import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { ENV_SCHEMA, errors } from '@corphub/module-kit';

export interface RateLimitConfig {
  /** Sends allowed per sender and corp in each window. */
  points: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { points: ENV_SCHEMA.CORPHUB_MESSAGES_RATE_LIMIT.default, windowSeconds: ENV_SCHEMA.CORPHUB_MESSAGES_RATE_WINDOW_SECONDS.default };

/**
 * Sends per sender (an app, or the corp's admins) and corp, counted by rate-limiter-flexible: in Redis when
 * REDIS_URL is set (shared by every replica), in memory otherwise. While Redis is unreachable each replica
 * counts in memory (the insurance limiter), so sending neither stops nor runs unlimited.
 */
export class SendRateLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(config: RateLimitConfig, redis?: { client: Redis; prefix: string }) {
    const options = { points: config.points, duration: config.windowSeconds, keyPrefix: `${redis?.prefix ?? ''}messages:sends` };
    this.limiter = redis
      ? new RateLimiterRedis({ ...options, storeClient: redis.client, insuranceLimiter: new RateLimiterMemory(options) })
      : new RateLimiterMemory(options);
  }

  /** Counts one send; RATE_LIMITED (with `retryAfterSeconds`) when the sender is over its limit. */
  async consume(corpId: string, sender: string): Promise<void> {
    try {
      await this.limiter.consume(`${corpId}|${sender}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw errors.RATE_LIMITED(`Too many messages from ${sender} in this corp: at most ${this.limiter.points} per ${this.limiter.duration} s; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
      });
    }
  }
}
