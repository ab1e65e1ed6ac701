import DataLoader from 'dataloader';
import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { corpIdOf, entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import type { LogsServices } from '../services';
import { NO_FACTS, readsEverything, viewerKeys } from './work-log.audience';
import { WorkLog, WorkLogAudience, WorkLogComment, WorkLogRead } from './work-log.entity';

/** Where a cursor of the `(createdAt, id) desc` order points. */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

/** Work logs as the caller may see them, their comments, reads and audiences: every fetch batched. */
export function workLogLoaders(em: EntityManager, auth: AuthContext, { graph }: LogsServices) {
  let keys: Promise<string[] | null> | undefined;
  /**
   * The caller's audience keys (one directory call per request), or null for callers who read every log
   * of their corp. An employee the directory does not know holds only `*` and their own key.
   */
  const viewerAudience = (): Promise<string[] | null> => {
    keys ??= (async () => {
      if (readsEverything(auth)) return null;
      if (!auth.unionId) return [];
      const facts = await graph.employeeFacts(auth.corpId, auth.unionId);
      return viewerKeys(auth.unionId, facts ?? NO_FACTS);
    })();
    return keys;
  };
  /** The condition a log must meet for the caller to see it. */
  const visibleWhere = async (): Promise<FilterQuery<WorkLog>> => {
    const audience = await viewerAudience();
    return audience === null ? {} : { audience: { $some: { key: { $in: audience } } } };
  };
  const logById = entityLoader(em, WorkLog, 'id');
  const recentByAuthor = new Map<string, DataLoader<string, WorkLog[]>>();
  return {
    viewerAudience,
    visibleWhere,
    /** A log the caller may see, or null. */
    visibleLogById: new DataLoader<string, WorkLog | null>(async (ids) => {
      const where = await visibleWhere();
      const rows = await em.find(WorkLog, { $and: [{ id: { $in: [...ids] } }, where] });
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }),
    logById,
    /** Key: a log id; its comments, oldest first. */
    commentsByLog: new DataLoader<string, WorkLogComment[]>(async (ids) => {
      const rows = await em.find(WorkLogComment, { log: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      return groupByKeys(ids, rows, (row) => row.log.id);
    }),
    /** Key: a log id; its read receipts, first readers first. */
    readsByLog: new DataLoader<string, WorkLogRead[]>(async (ids) => {
      const rows = await em.find(WorkLogRead, { log: { $in: [...ids] } }, { orderBy: { readAt: 'asc', id: 'asc' } });
      return groupByKeys(ids, rows, (row) => row.log.id);
    }),
    /** Key: a log id; its audience keys. */
    audienceByLog: new DataLoader<string, string[]>(async (ids) => {
      const rows = await em.find(WorkLogAudience, { log: { $in: [...ids] } });
      return groupByKeys(ids, rows, (row) => row.log.id).map((group) => group.map((row) => row.key));
    }),
    /** Key: an audience key; the people it stands for (one graph call for every key of a response). */
    membersByAudienceKey: new DataLoader<string, string[]>((audienceKeys) => graph.membersOf(auth.corpId, audienceKeys)),
    /**
     * Key: an author's unionId; their newest logs the caller may see, `first` per author after `after`:
     * one SQL statement for every author of a response (`row_number() over (partition by author …)`).
     */
    recentLogsByAuthor(first: number, after: KeysetPosition | null): DataLoader<string, WorkLog[]> {
      const cacheKey = `${first}|${after ? `${after.createdAt.toISOString()}|${after.id}` : ''}`;
      let loader = recentByAuthor.get(cacheKey);
      if (!loader) {
        loader = new DataLoader<string, WorkLog[]>(async (authors) => groupByKeys(authors, await recentLogs(em, await visibleWhere(), [...authors], first, after), (row) => row.authorUnionId));
        recentByAuthor.set(cacheKey, loader);
      }
      return loader;
    },
    /** Key: an author's unionId; how many of their logs the caller may see (one grouped statement). */
    visibleCountByAuthor: new DataLoader<string, number>(async (authors) => {
      const sql = em as SqlEntityManager;
      const rows: { author_union_id: string; n: number | string }[] = await sql
        .createQueryBuilder(WorkLog, 'w')
        .select(['w.author_union_id', raw('count(*) as n')])
        .where({ $and: [{ corpId: corpIdOf(em) }, { authorUnionId: { $in: [...authors] } }, await visibleWhere()] })
        .groupBy('w.author_union_id')
        .execute('all', false);
      const counts = new Map(rows.map((row) => [row.author_union_id, Number(row.n)]));
      return authors.map((author) => counts.get(author) ?? 0);
    }),
  };
}

/** The newest `first + 1` visible logs of each author (one more tells whether there is a next page). */
async function recentLogs(em: EntityManager, visible: FilterQuery<WorkLog>, authors: string[], first: number, after: KeysetPosition | null): Promise<WorkLog[]> {
  const sql = em as SqlEntityManager;
  const conditions: FilterQuery<WorkLog>[] = [{ corpId: corpIdOf(em) }, { authorUnionId: { $in: authors } }, visible];
  if (after) conditions.push({ $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }] });
  const ranked = sql
    .createQueryBuilder(WorkLog, 'w')
    .select(['w.*', raw('row_number() over (partition by w.author_union_id order by w.created_at desc, w.id desc) as rn')])
    .where({ $and: conditions });
  const knex = sql.getKnex();
  const query = knex.select('*').from(ranked.getKnexQuery().as('ranked')).where('rn', '<=', first + 1).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
  const rows: Record<string, unknown>[] = await sql.getConnection().execute(query);
  return rows.map(({ rn: _rn, ...row }) => em.map(WorkLog, row));
}
