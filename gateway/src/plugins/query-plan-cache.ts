import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { GatewayMetrics } from './use-metrics';

/**
 * The gateway's query plan cache: an LRU of about `sizeMiB` (plans measured as JSON), whose
 * lookups are counted as hits and misses in the metrics. Apollo Gateway clears it on schema change.
 */
export class MeasuredQueryPlanCache<Plan extends object = object> {
  private readonly lru: InMemoryLRUCache<Plan>;

  constructor(
    sizeMiB: number,
    private readonly metrics: GatewayMetrics,
  ) {
    this.lru = new InMemoryLRUCache<Plan>({ maxSize: sizeMiB * 1024 * 1024 });
  }

  async get(key: string): Promise<Plan | undefined> {
    const plan = await this.lru.get(key);
    this.metrics.recordPlanLookup(plan !== undefined);
    return plan;
  }

  async set(key: string, plan: Plan): Promise<void> {
    await this.lru.set(key, plan);
  }

  async delete(key: string): Promise<boolean> {
    return this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }
}
