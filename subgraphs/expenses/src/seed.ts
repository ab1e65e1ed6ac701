import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Money, insertEntities, scopeToCorp, type BenchmarkCorp } from '@corphub/module-kit';
import { DEMO, DEMO_CLAIMS, DEMO_EXPENSE_ITEMS, demoClaimSteps, type DemoClaim } from '@corphub/demo';
import { ApprovalMode, ApprovalStep, ClaimAction, ClaimEvent, ClaimStatus, ExpenseClaim, LineItem, StepApprover, StepStatus } from './claims/claim.entity';

/** A claim to write: the demo's, or a benchmark's (random id, its steps in expenses' legacy rows). */
type PlannedClaim = Omit<DemoClaim, 'id' | 'status'> & { id?: string; status: ClaimStatus };

/**
 * One claim in `status` with its items, its steps and the history that led there: the rows to write, parents
 * first. `stop` is the step a SUBMITTED claim awaits, or the one a REJECTED claim was rejected at (earlier
 * steps approved). A claim with an approval request has its steps there (the approvals seed writes them).
 */
function writeClaim(em: EntityManager, planned: PlannedClaim): object[] {
  const { claimantUnionId: claimant, status, items, steps: plan, stop, at, approval } = planned;
  const claim = new ExpenseClaim(claimant, planned.title);
  if (planned.id) claim.id = planned.id;
  claim.createdAt = at;
  claim.updatedAt = at;
  const rows: object[] = [claim];
  const ref = em.getReference(ExpenseClaim, claim.id, { wrapped: true });
  items.forEach(([category, minor, currency, merchant], position) => {
    const item = new LineItem(ref, position, category, new Money(minor, currency), planned.incurredOn);
    item.merchant = merchant;
    rows.push(item);
  });
  const events: [ClaimAction, string, string | null][] = [[ClaimAction.CREATED, claimant, null]];
  if (status !== ClaimStatus.DRAFT && status !== ClaimStatus.WITHDRAWN) {
    claim.submittedAt = at;
    events.push([ClaimAction.SUBMITTED, claimant, null]);
    // how far it went: every step approved for APPROVED and PAID, up to `stop` otherwise
    const reached = status === ClaimStatus.SUBMITTED || status === ClaimStatus.REJECTED ? Math.min(stop, plan.length - 1) : plan.length;
    plan.forEach(({ role, approvers }, position) => {
      const step = new ApprovalStep(ref, position, role, ApprovalMode.ANY);
      let decision: string | null = null;
      if (position < reached) {
        step.status = StepStatus.APPROVED;
        decision = 'APPROVED';
        events.push([ClaimAction.APPROVED, approvers[0], role === 'FINANCE' ? 'OK' : 'Approved']);
      } else if (position === reached && status === ClaimStatus.REJECTED) {
        step.status = StepStatus.REJECTED;
        decision = 'REJECTED';
        events.push([ClaimAction.REJECTED, approvers[0], 'Receipt missing']);
      } else if (position === reached) {
        step.status = StepStatus.PENDING;
      }
      if (approval) return;
      rows.push(step);
      approvers.forEach((unionId, index) => {
        const row = new StepApprover(em.getReference(ApprovalStep, step.id, { wrapped: true }), claim.id, unionId);
        if (index === 0) row.decision = decision;
        rows.push(row);
      });
    });
    claim.currentStep = status === ClaimStatus.SUBMITTED && !approval ? reached : null;
    if (approval) Object.assign(claim, { approvalId: approval.id, approvalSynced: approval.version });
    if (status === ClaimStatus.PAID) {
      claim.paymentReference = `PAY-${claim.id.slice(0, 8)}`;
      events.push([ClaimAction.PAID, plan.at(-1)!.approvers[0], claim.paymentReference]);
    }
  }
  if (status === ClaimStatus.WITHDRAWN) events.push([ClaimAction.WITHDRAWN, claimant, null]);
  claim.status = status;
  events.forEach(([action, actor, comment], index) => {
    const event = new ClaimEvent(claim.id, action, actor, index + 1, comment);
    event.at = at;
    rows.push(event);
  });
  claim.version = events.length;
  return rows;
}

/**
 * Idempotent: the demo people's claims (@corphub/demo's DEMO_CLAIMS) are written once, when the demo corp has
 * none. The SUBMITTED ones wait on the approval requests the approvals seed writes (same ids), so managers
 * and finance find them in `me { pendingApprovals }` and a decision there moves the claim.
 */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  if (await em.count(ExpenseClaim, {})) return;
  await em.transactional((tx) => {
    for (const claim of DEMO_CLAIMS) tx.persist(writeClaim(tx, { ...claim, status: claim.status as ClaimStatus }));
    return Promise.resolve();
  });
}

const BATCH = 1000;

/** `npm run seed`: two claims per person (one PAID, one SUBMITTED), two items each, in one transaction. */
export async function seedBenchmark(orm: MikroORM, { corpId, people }: BenchmarkCorp): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), corpId);
  if (await em.count(ExpenseClaim, {})) throw new Error(`Corp "${corpId}" already has expense claims: pick another --corp`);
  const steps = demoClaimSteps('', people.slice(0, 1).map((person) => person.unionId), []);
  await em.transactional(async (tx) => {
    for (let start = 0; start < people.length; start += BATCH) {
      const rows = people.slice(start, start + BATCH).flatMap((person, offset) => {
        const index = start + offset;
        const month = String((index % 12) + 1).padStart(2, '0');
        const items = [DEMO_EXPENSE_ITEMS[index % DEMO_EXPENSE_ITEMS.length], DEMO_EXPENSE_ITEMS[(index + 1) % DEMO_EXPENSE_ITEMS.length]];
        const claim = { claimantUnionId: person.unionId, items, steps, stop: 0, approval: null };
        return [
          ...writeClaim(tx, { ...claim, title: 'Customer visit', status: ClaimStatus.PAID, incurredOn: `2026-${month}-10`, at: new Date(`2026-${month}-11T09:00:00Z`) }),
          ...writeClaim(tx, { ...claim, title: 'Conference', status: ClaimStatus.SUBMITTED, incurredOn: `2026-${month}-12`, at: new Date(`2026-${month}-13T09:00:00Z`) }),
        ];
      });
      await insertEntities(tx, rows);
    }
  });
}
