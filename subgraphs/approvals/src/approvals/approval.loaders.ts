import DataLoader from 'dataloader';
import { QueryOrder, type EntityManager } from '@mikro-orm/core';
import { entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import { ApprovalApprover, ApprovalEvent, ApprovalRequest, ApprovalStep } from './approval.entity';

export function approvalLoaders(em: EntityManager, auth: AuthContext) {
  return {
    approvalById: entityLoader(em, ApprovalRequest, 'id'),
    stepsByRequestId: new DataLoader<string, ApprovalStep[]>(async (ids) =>
      groupByKeys(ids, await em.find(ApprovalStep, { request: { $in: [...ids] } }, { orderBy: { position: 'asc' } }), (step) => step.request.id),
    ),
    approversByStepId: new DataLoader<string, ApprovalApprover[]>(async (ids) =>
      groupByKeys(ids, await em.find(ApprovalApprover, { step: { $in: [...ids] } }, { orderBy: { decidedAt: QueryOrder.ASC_NULLS_LAST, approverUnionId: 'asc' } }), (row) => row.step.id),
    ),
    historyByRequestId: new DataLoader<string, ApprovalEvent[]>(async (ids) =>
      groupByKeys(ids, await em.find(ApprovalEvent, { requestId: { $in: [...ids] } }, { orderBy: { version: 'asc', at: 'asc' } }), (event) => event.requestId),
    ),
    /** Whether the caller approves (at any step) each request: who may see it besides requester, app and readers. */
    callerApproves: new DataLoader<string, boolean>(async (ids) => {
      if (!auth.unionId) return ids.map(() => false);
      const rows = await em.find(ApprovalApprover, { request: { $in: [...ids] }, approverUnionId: auth.unionId }, { fields: ['request'] });
      const mine = new Set(rows.map((row) => row.request.id));
      return ids.map((id) => mine.has(id));
    }),
  };
}
