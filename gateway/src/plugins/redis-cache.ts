import { Redis } from 'ioredis';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@corphub/module-kit';

/** How long one Redis command may take before the cache answers "not there" instead. */
const COMMAND_TIMEOUT_MS = 500;

/**
 * Apollo's KeyValueCache over Redis (ioredis), for caches that are only an optimisation: while Redis
 * is down or slow, reads are misses and writes are dropped (each logged once per outage), and no
 * request waits for it longer than COMMAND_TIMEOUT_MS. Keys live under `prefix`.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private readonly redis: Redis;
  private failing = false;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.redis = new Redis(url, {
      // fail fast while disconnected instead of queueing commands until Redis is back
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      // a socket that never connected is destroyed soon after close(), not 2 s later
      disconnectTimeout: 200,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    });
    this.redis.on('error', (error: Error) => this.report(error));
    this.redis.on('ready', () => {
      if (this.failing) logger.info('redis is back (persisted queries)');
      this.failing = false;
    });
  }

  /** Resolves once connected, or after `withinMs` (then Redis is used when it comes up). */
  async connected(withinMs = 2000): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, withinMs);
      this.redis.once('ready', done);
    });
  }

  private report(error: unknown): void {
    if (!this.failing) this.logger.warn({ err: error }, 'redis unavailable: persisted query lookups are misses until it is back');
    this.failing = true;
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.report(error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', Math.ceil(options.ttl));
      else await this.redis.set(this.prefix + key, value);
    } catch (error) {
      this.report(error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.prefix + key)) > 0;
    } catch (error) {
      this.report(error);
      return false;
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
