import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { LeaveBalance, LeaveRequest, type LeaveType } from './leave.entity';
import { loadPolicies, type PolicyRule } from './leave.service';

export function leaveLoaders(em: EntityManager) {
  const byRange = new Map<string, DataLoader<string, LeaveRequest[]>>();
  let policies: Promise<Map<LeaveType, PolicyRule>> | undefined;
  return {
    /** Key: a person's UnionID; their requests overlapping [from, to], earliest first: one statement per range for every person. */
    leaveRequests(from: string, to: string): DataLoader<string, LeaveRequest[]> {
      let loader = byRange.get(`${from}|${to}`);
      if (!loader) {
        loader = new DataLoader<string, LeaveRequest[]>(async (unionIds) => {
          const rows = await em.find(LeaveRequest, { unionId: { $in: [...unionIds] }, startDate: { $lte: to }, endDate: { $gte: from } }, { orderBy: { startDate: 'asc', createdAt: 'asc' } });
          return unionIds.map((unionId) => rows.filter((row) => row.unionId === unionId));
        });
        byRange.set(`${from}|${to}`, loader);
      }
      return loader;
    },
    /** Key: `${year}|${unionId}`; the person's balance rows that year (one statement for every person and year asked). */
    leaveBalances: new DataLoader<string, LeaveBalance[]>(async (keys) => {
      const pairs = keys.map((key) => ({ year: Number(key.slice(0, 4)), unionId: key.slice(5) }));
      const rows = await em.find(LeaveBalance, { unionId: { $in: [...new Set(pairs.map((pair) => pair.unionId))] }, year: { $in: [...new Set(pairs.map((pair) => pair.year))] } });
      return pairs.map(({ year, unionId }) => rows.filter((row) => row.year === year && row.unionId === unionId));
    }),
    /** Key: an approval's id; the leave request it decides (one statement for every approval of a response). */
    leaveByApprovalId: new DataLoader<string, LeaveRequest | null>(async (approvalIds) => {
      const rows = await em.find(LeaveRequest, { approvalId: { $in: [...approvalIds] } });
      const byApproval = new Map(rows.map((row) => [row.approvalId, row]));
      return approvalIds.map((id) => byApproval.get(id) ?? null);
    }),
    /** The corp's leave policies, once per request. */
    leavePolicies: () => (policies ??= loadPolicies(em)),
  };
}
