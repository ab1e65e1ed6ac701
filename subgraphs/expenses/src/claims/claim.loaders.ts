import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import { ApprovalStep, ClaimEvent, ExpenseClaim, LineItem, StepApprover } from './claim.entity';
import { claimsOfEmployees } from './claim.connection';
import type { ClaimApproval } from './claim.approval';
import type { ExpensesServices } from '../services';

export function claimLoaders(em: EntityManager, auth: AuthContext, services: ExpensesServices) {
  return {
    /** The claims' approval requests, read from the approvals service in one call per 100 (as the expenses app). */
    approvalById: new DataLoader<string, ClaimApproval | null>((ids) => services.claimApprovals.byIds(auth.corpId, ids)),
    claimById: entityLoader(em, ExpenseClaim, 'id'),
    lineItemsByClaimId: new DataLoader<string, LineItem[]>(async (ids) =>
      groupByKeys(ids, await em.find(LineItem, { claim: { $in: [...ids] } }, { orderBy: { position: 'asc' } }), (item) => item.claim.id),
    ),
    stepsByClaimId: new DataLoader<string, ApprovalStep[]>(async (ids) =>
      groupByKeys(ids, await em.find(ApprovalStep, { claim: { $in: [...ids] } }, { orderBy: { position: 'asc' } }), (step) => step.claim.id),
    ),
    approversByStepId: new DataLoader<string, StepApprover[]>(async (ids) =>
      groupByKeys(ids, await em.find(StepApprover, { step: { $in: [...ids] } }, { orderBy: { approverUnionId: 'asc' } }), (row) => row.step.id),
    ),
    approversByClaimId: new DataLoader<string, StepApprover[]>(async (ids) =>
      groupByKeys(ids, await em.find(StepApprover, { claimId: { $in: [...ids] } }), (row) => row.claimId),
    ),
    historyByClaimId: new DataLoader<string, ClaimEvent[]>(async (ids) =>
      groupByKeys(ids, await em.find(ClaimEvent, { claimId: { $in: [...ids] } }, { orderBy: { version: 'asc', at: 'asc' } }), (event) => event.claimId),
    ),
    /** Key: JSON of { unionId, filter, page }; one batch per distinct filter and page, whatever the number of employees. */
    claimsOfEmployee: claimsOfEmployees(em),
  };
}
