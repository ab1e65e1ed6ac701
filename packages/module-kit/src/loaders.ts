import DataLoader from 'dataloader';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';

/** The DataLoader batch contract: one answer per key, in key order, `null` where nothing matched. */
export function alignToKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups rows per key for to-many loaders: one array per key, in key order. */
export function groupByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * A request-scoped loader of one entity by one unique column: every `load` in a tick becomes one
 * `where field in (...)` statement, scoped by the entity manager's corp filter.
 */
export function entityLoader<T extends object, K extends string = string>(
  em: EntityManager,
  entity: EntityName<T>,
  field: keyof T & string,
  keyOf: (row: T) => K = (row) => row[field] as unknown as K,
): DataLoader<K, T | null> {
  return new DataLoader<K, T | null>(async (keys) => {
    const rows = await em.find(entity, { [field]: { $in: [...keys] } } as FilterQuery<T>);
    return alignToKeys(keys, rows, keyOf);
  });
}
