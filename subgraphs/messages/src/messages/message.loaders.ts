import DataLoader from 'dataloader';
import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { corpIdOf, entityLoader, type AuthContext } from '@corphub/module-kit';
import { ADMIN_SENDER, Delivery, Message } from './message.entity';

/** The inbox's `appId` filter: an app's messages, or (`admin`) those the corp admin sent. */
export function appFilter(appId: string | null | undefined): { appId?: string | null } {
  if (appId === undefined || appId === null) return {};
  return { appId: appId === ADMIN_SENDER ? null : appId };
}

/** Counts per key in one grouped statement. */
async function countsBy(em: EntityManager, column: 'message_id' | 'recipient_union_id', where: FilterQuery<Delivery>, keys: readonly string[]): Promise<number[]> {
  const sql = em as SqlEntityManager;
  const rows: Record<string, string | number>[] = await sql
    .createQueryBuilder(Delivery, 'd')
    .select([`d.${column}`, raw('count(*) as n')])
    .where({ $and: [{ corpId: corpIdOf(em) }, where] })
    .groupBy(`d.${column}`)
    .execute('all', false);
  const counts = new Map(rows.map((row) => [String(row[column]), Number(row.n)]));
  return keys.map((key) => counts.get(key) ?? 0);
}

/** Messages, deliveries and unread counts: every fetch batched, counts once per request. */
export function messageLoaders(em: EntityManager, auth: AuthContext) {
  const unread = new Map<string, Promise<number>>();
  /** Key: a unionId; how many messages they have not read (one grouped statement for every employee of a response). */
  const unreadByRecipient = new DataLoader<string, number>((unionIds) => countsBy(em, 'recipient_union_id', { recipientUnionId: { $in: [...unionIds] }, readAt: null }, unionIds));
  return {
    messageById: entityLoader(em, Message, 'id'),
    unreadByRecipient,
    /** Key: a message id; how many of its recipients read it. */
    readCountByMessage: new DataLoader<string, number>((ids) => countsBy(em, 'message_id', { message: { $in: [...ids] }, readAt: { $ne: null } }, ids)),
    /** Key: a message id; the caller's delivery of it, if they got it. */
    myDeliveryByMessage: new DataLoader<string, Delivery | null>(async (ids) => {
      const rows = auth.unionId ? await em.find(Delivery, { message: { $in: [...ids] }, recipientUnionId: auth.unionId }) : [];
      return ids.map((id) => rows.find((row) => row.message.id === id) ?? null);
    }),
    /** The caller's unread count (per app filter), once per request. */
    unreadCount(appId: string | null | undefined): Promise<number> {
      const key = appId ?? '';
      let count = unread.get(key);
      if (!count) {
        count = auth.unionId ? em.count(Delivery, { recipientUnionId: auth.unionId, readAt: null, ...appFilter(appId) }) : Promise.resolve(0);
        unread.set(key, count);
      }
      return count;
    },
    forgetUnreadCounts(): void {
      unread.clear();
      unreadByRecipient.clearAll();
    },
  };
}
