import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { scopeToCorp } from '@corphub/module-kit';
import { DEMO, DEMO_CLAIMS, type DemoClaim } from '@corphub/demo';
import {
  ApprovalAction,
  ApprovalApprover,
  ApprovalEvent,
  ApprovalQuorum,
  ApprovalRequest,
  ApprovalStep,
  ApprovalStepKind,
  ApproverDecision,
  StepStatus,
} from './approvals/approval.entity';

/** The app and subject type expenses asks with (its claims' requests). */
const EXPENSES = { appId: 'expenses', subjectType: 'ExpenseClaim', actor: 'service:expenses' } as const;

/** A SUBMITTED demo claim's request, as expenses' submit asked it and its approvers decided it so far: the rows, parents first. */
function requestRows(tx: EntityManager, claim: DemoClaim): object[] {
  const approval = claim.approval!;
  const request = new ApprovalRequest(EXPENSES.appId, EXPENSES.subjectType, claim.id, claim.claimantUnionId, approval.title);
  Object.assign(request, {
    id: approval.id,
    summary: approval.summary,
    link: approval.link,
    amountMinor: approval.amountMinor,
    currency: approval.currency,
    currentStep: claim.stop,
    version: approval.version,
    createdAt: claim.at,
    updatedAt: claim.at,
  });
  tx.persist(request);
  const rows: object[] = [request];
  const requestRef = tx.getReference(ApprovalRequest, request.id, { wrapped: true });
  rows.push(new ApprovalEvent(request.id, ApprovalAction.REQUESTED, EXPENSES.actor, 1));
  let managerLevel = 0;
  claim.steps.forEach(({ role, approvers }, position) => {
    // the labels and kinds approvals gives the steps of expenses' ask (MANAGER_CHAIN, then TAG finance)
    const manager = role === 'MANAGER';
    const label = manager ? `Manager (level ${(managerLevel += 1)})` : 'Tag: finance';
    const step = new ApprovalStep(requestRef, position, manager ? ApprovalStepKind.MANAGER_CHAIN : ApprovalStepKind.TAG, label, ApprovalQuorum.ANY);
    const decided = position < claim.stop;
    step.status = decided ? StepStatus.APPROVED : position === claim.stop ? StepStatus.PENDING : StepStatus.WAITING;
    rows.push(step);
    approvers.forEach((unionId, index) => {
      const row = new ApprovalApprover(tx.getReference(ApprovalStep, step.id, { wrapped: true }), requestRef, unionId);
      row.active = position === claim.stop;
      if (decided && index === 0) Object.assign(row, { decision: ApproverDecision.APPROVED, decidedAt: claim.at });
      rows.push(row);
    });
    if (decided) rows.push(new ApprovalEvent(request.id, ApprovalAction.APPROVED, approvers[0], position + 2, manager ? 'Approved' : 'OK'));
  });
  for (const row of rows) if (row instanceof ApprovalEvent) row.at = claim.at;
  return rows;
}

/**
 * The demo corp's approval requests: one PENDING request per SUBMITTED demo claim (@corphub/demo's
 * DEMO_CLAIMS, the ids the expenses seed records on its claims), waiting for the claimant's manager, the
 * next one up or finance, so the demo's inbox (`me { pendingApprovals }`, the console's Approvals) has work.
 * Idempotent: a request whose id is already there is not written again.
 */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  const pending = DEMO_CLAIMS.filter((claim) => claim.approval);
  const existing = new Set((await em.find(ApprovalRequest, { id: { $in: pending.map((claim) => claim.approval!.id) } }, { fields: ['id'] })).map((row) => row.id));
  const missing = pending.filter((claim) => !existing.has(claim.approval!.id));
  if (!missing.length) return;
  await em.transactional((tx) => {
    for (const claim of missing) tx.persist(requestRows(tx, claim));
    return Promise.resolve();
  });
}
