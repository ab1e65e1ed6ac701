import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { MakeUpRequest } from './make-up.entity';

export function makeUpLoaders(em: EntityManager) {
  const byRange = new Map<string, DataLoader<string, MakeUpRequest[]>>();
  return {
    /** Key: an approval's id; the make-up request it decides (one statement for every approval of a response). */
    makeUpByApprovalId: new DataLoader<string, MakeUpRequest | null>(async (approvalIds) => {
      const rows = await em.find(MakeUpRequest, { approvalId: { $in: [...approvalIds] } });
      const byApproval = new Map(rows.map((row) => [row.approvalId, row]));
      return approvalIds.map((id) => byApproval.get(id) ?? null);
    }),
    /** Key: a person's UnionID; their make-up requests for days in [from, to]: one statement per range for every person. */
    makeUpRequests(from: string, to: string): DataLoader<string, MakeUpRequest[]> {
      let loader = byRange.get(`${from}|${to}`);
      if (!loader) {
        loader = new DataLoader<string, MakeUpRequest[]>(async (unionIds) => {
          const rows = await em.find(MakeUpRequest, { unionId: { $in: [...unionIds] }, date: { $gte: from, $lte: to } }, { orderBy: { date: 'asc', createdAt: 'asc' } });
          return unionIds.map((unionId) => rows.filter((row) => row.unionId === unionId));
        });
        byRange.set(`${from}|${to}`, loader);
      }
      return loader;
    },
  };
}
