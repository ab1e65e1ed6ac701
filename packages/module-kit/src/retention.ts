import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import { readEnv, type RawEnv } from './env';

/** How long settled background rows (delivered webhooks, relayed outbox events) are kept, and how they are pruned. */
export interface RetentionConfig {
  retentionMs: number;
  /** Pruning runs at most this often (sooner while batches come back full). */
  intervalMs: number;
  /** Rows deleted per statement: a long backlog goes in short transactions, not one long lock. */
  batch: number;
}

const DAY_MS = 86_400_000;

/** `CORPHUB_RETENTION_DAYS` (30), `CORPHUB_RETENTION_PRUNE_INTERVAL_MS` (60000), `CORPHUB_RETENTION_PRUNE_BATCH` (500). */
export function readRetentionConfig(env?: RawEnv): RetentionConfig {
  const vars = readEnv(['CORPHUB_RETENTION_DAYS', 'CORPHUB_RETENTION_PRUNE_INTERVAL_MS', 'CORPHUB_RETENTION_PRUNE_BATCH'], env);
  return {
    retentionMs: vars.CORPHUB_RETENTION_DAYS * DAY_MS,
    intervalMs: vars.CORPHUB_RETENTION_PRUNE_INTERVAL_MS,
    batch: vars.CORPHUB_RETENTION_PRUNE_BATCH,
  };
}

/** Deletes up to `batch` rows matching `where`, across corps (ids first, then one DELETE). Answers how many. */
export async function deleteBatch<T extends { id: string }>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, batch: number): Promise<number> {
  const rows = await em.find(entity, where, { filters: false, fields: ['id'] as never, limit: batch });
  if (!rows.length) return 0;
  return em.nativeDelete(entity, { id: { $in: rows.map((row) => row.id) } } as unknown as FilterQuery<T>, { filters: false });
}

/**
 * For a background loop's round: runs `prune(cutoff, batch)` when the interval has passed, and again at
 * the next round while it keeps deleting full batches. Answers whether more may be waiting.
 */
export function retentionPruner(config: RetentionConfig, prune: (cutoff: Date, batch: number) => Promise<number>): () => Promise<boolean> {
  let dueAt = 0;
  return async () => {
    const now = Date.now();
    if (now < dueAt) return false;
    const deleted = await prune(new Date(now - config.retentionMs), config.batch);
    const more = deleted >= config.batch;
    dueAt = more ? 0 : now + config.intervalMs;
    return more;
  };
}
