import type { EntityManager, EntityName } from '@mikro-orm/core';

/** An entity's columns (`t.*`) read beside the key of what it was read for (`for__`), and other `…__` values. */
export type JoinedRow = Record<string, unknown> & { for__: string };

/** Runs a query builder's statement with the default filters (the corp), rows as the database gives them. */
export async function readRows<R>(query: { applyFilters(): Promise<void>; execute<T>(method: 'all', mapResults: boolean): Promise<T> }): Promise<R[]> {
  await query.applyFilters();
  return query.execute<R[]>('all', false);
}

/**
 * One statement's rows of `entity` (a link table joined to it) grouped by the key each was read for, in
 * `keys` order: each entity is mapped once however many rows name it, and no entity is made of the links.
 */
export function entitiesFor<T extends object, R>(
  em: EntityManager,
  entity: EntityName<T>,
  primaryKey: string,
  keys: readonly string[],
  rows: readonly JoinedRow[],
  pick: (found: T, row: JoinedRow) => R,
): R[][] {
  const mapped = new Map<unknown, T>();
  const groups = new Map<string, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    let found = mapped.get(row[primaryKey]);
    if (!found) {
      const columns = Object.fromEntries(Object.entries(row).filter(([column]) => !column.endsWith('__')));
      mapped.set(row[primaryKey], (found = em.map(entity, columns as never)));
    }
    groups.get(row.for__)?.push(pick(found, row));
  }
  return keys.map((key) => groups.get(key)!);
}
