import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { ConfigError, errors } from '@corphub/module-kit/core';
import type { Logger } from '@corphub/module-kit';
import type { GatewayConfig } from '../gateway-config';
import { RedisKeyValueCache } from './redis-cache';

/** Apollo's persisted query manifest (what `generate-persisted-query-manifest` writes). */
interface OperationManifest {
  format?: string;
  version?: number;
  operations: { id: string; body: string; name?: string; type?: string }[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The registered operations, by the sha256 of their text (Apollo's queryHash). */
export function readOperationsManifest(file: string): Map<string, string> {
  let manifest: OperationManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as OperationManifest;
  } catch (error) {
    throw new ConfigError(`CORPHUB_OPERATIONS_MANIFEST ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(manifest?.operations)) throw new ConfigError(`CORPHUB_OPERATIONS_MANIFEST ${file}: no "operations" list`);
  const operations = new Map<string, string>();
  for (const { id, body, name } of manifest.operations) {
    if (typeof body !== 'string' || sha256(body) !== id) {
      throw new ConfigError(`CORPHUB_OPERATIONS_MANIFEST ${file}: operation ${name ?? id} has an id that is not the sha256 of its body`);
    }
    operations.set(id, body);
  }
  return operations;
}

/** Apollo Server prefixes APQ keys (`apq:<sha256>`). */
const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);

/** Registered operations first (never evicted), then the automatic persisted queries. */
class ManifestFirstCache implements KeyValueCache<string> {
  constructor(
    private readonly registered: Map<string, string>,
    private readonly automatic: KeyValueCache<string>,
  ) {}

  async get(key: string) {
    return this.registered.get(hashOf(key)) ?? (await this.automatic.get(key));
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions) {
    if (!this.registered.has(hashOf(key))) await this.automatic.set(key, value, options);
  }

  async delete(key: string) {
    return this.automatic.delete(key);
  }
}

export interface PersistedQueriesSetup {
  options: { cache: KeyValueCache<string>; ttl: number };
  plugin: ApolloServerPlugin;
  /** Whether an operation's text (its sha256, Apollo's queryHash) is in the operations manifest. */
  isRegistered: (queryHash: string) => boolean;
  /** Resolves when the cache is usable (Redis connected, or given up on for now). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const APQ_MEMORY_MIB = 16;

/**
 * Automatic persisted queries: a client sends the sha256 of a query it sent before instead of its text.
 * Hashes live in Redis when REDIS_URL is set (shared by every gateway replica), otherwise in an
 * in-memory LRU. The operations of CORPHUB_OPERATIONS_MANIFEST are always known; with
 * CORPHUB_ONLY_REGISTERED_OPERATIONS they are the only ones answered (a safelist).
 */
export function usePersistedQueries(config: GatewayConfig, logger: Logger): PersistedQueriesSetup {
  const registered = config.operationsManifest ? readOperationsManifest(config.operationsManifest) : new Map<string, string>();
  let automatic: KeyValueCache<string>;
  let close = async () => {};
  let ready = async () => {};
  if (config.redisUrl) {
    // a Redis outage turns lookups into misses (clients then resend the query text), never into errors or waits
    const redis = new RedisKeyValueCache(config.redisUrl, 'corphub:apq:', logger);
    automatic = redis;
    close = () => redis.close();
    ready = () => redis.connected();
  } else {
    automatic = new InMemoryLRUCache<string>({ maxSize: APQ_MEMORY_MIB * 1024 * 1024 });
  }
  return {
    options: { cache: new ManifestFirstCache(registered, automatic), ttl: config.persistedQueryTtlSeconds },
    plugin: {
      async requestDidStart() {
        if (!config.onlyRegisteredOperations) return;
        return {
          async didResolveOperation({ queryHash }) {
            if (!registered.has(queryHash)) {
              throw errors.OPERATION_NOT_REGISTERED('This gateway answers only registered operations; register it in the operations manifest', {
                http: { status: 400 },
              });
            }
          },
        };
      },
    },
    isRegistered: (queryHash) => registered.has(queryHash),
    ready,
    close,
  };
}
