import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Money, insertEntities, scopeToCorp, type BenchmarkCorp } from '@corphub/module-kit';
import { DEMO, DEMO_PEOPLE, demoManagerChain, demoPeopleTagged } from '@corphub/demo';
import { ApprovalMode, ApprovalStep, ClaimAction, ClaimEvent, ClaimStatus, ExpenseClaim, LineItem, StepApprover, StepStatus } from './claims/claim.entity';

const STATES = [ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID, ClaimStatus.REJECTED, ClaimStatus.WITHDRAWN];
const ITEMS: [category: string, minor: number, currency: string, merchant: string][] = [
  ['travel', 128050, 'CNY', 'China Eastern'],
  ['meals', 8650, 'CNY', 'Din Tai Fung'],
  ['lodging', 64000, 'CNY', 'Hilton Shanghai'],
  ['transport', 4520, 'CNY', 'DiDi'],
  ['office', 1999, 'USD', 'Amazon'],
  ['meals', 3200, 'JPY', 'Ichiran'],
];

interface PlannedStep {
  role: 'MANAGER' | 'FINANCE';
  approvers: string[];
}

/** The steps a submit fixes with the default settings: two levels of the manager chain, then finance. */
function stepsFor(claimant: string, finance: string[], managers: string[]): PlannedStep[] {
  return [...managers.slice(0, 2).map((unionId): PlannedStep => ({ role: 'MANAGER', approvers: [unionId] })), { role: 'FINANCE', approvers: finance.filter((unionId) => unionId !== claimant) }];
}

/**
 * One claim in `status` with its items, its steps and the history that led there: the rows to write, parents
 * first. `stop` is the step a SUBMITTED claim awaits, or the one a REJECTED claim was rejected at (earlier
 * steps approved).
 */
function writeClaim(em: EntityManager, claimant: string, title: string, status: ClaimStatus, items: typeof ITEMS, plan: PlannedStep[], stop: number, day: string, at: Date): object[] {
  const claim = new ExpenseClaim(claimant, title);
  claim.createdAt = at;
  claim.updatedAt = at;
  const rows: object[] = [claim];
  const ref = em.getReference(ExpenseClaim, claim.id, { wrapped: true });
  items.forEach(([category, minor, currency, merchant], position) => {
    const item = new LineItem(ref, position, category, new Money(minor, currency), day);
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
      rows.push(step);
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
      approvers.forEach((unionId, index) => {
        const row = new StepApprover(em.getReference(ApprovalStep, step.id, { wrapped: true }), claim.id, unionId);
        if (index === 0) row.decision = decision;
        rows.push(row);
      });
    });
    claim.currentStep = status === ClaimStatus.SUBMITTED ? reached : null;
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
 * Idempotent: the demo people's claims are written once (when the demo corp has none), each with the
 * steps a submit would fix (the claimant's managers from the demo org chart, then the finance people),
 * so managers and finance find claims awaiting them in `pendingApprovals`.
 */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  if (await em.count(ExpenseClaim, {})) return;
  const finance = demoPeopleTagged('finance').map((person) => person.unionId);
  await em.transactional((tx) => {
    DEMO_PEOPLE.forEach((person, index) => {
      const plan = stepsFor(person.unionId, finance, demoManagerChain(person.unionId));
      for (let k = 0; k < 2; k++) {
        const status = STATES[(index + k) % STATES.length];
        const month = String(((index + k * 5) % 10) + 1).padStart(2, '0');
        // mostly CNY (the corp's currency); some trips abroad add a USD or JPY item
        const items = [ITEMS[(index + k) % 4], ITEMS[(index + k + 1) % 4], ...(index % 7 === 3 ? [ITEMS[4 + k]] : [])];
        // submitted claims wait at the first manager, the second or finance; rejections happen at any of them
        const stop = k === 0 ? 0 : Math.floor(index / 6) % 3;
        tx.persist(writeClaim(tx, person.unionId, `Trip ${index + 1}.${k + 1}`, status, items, plan, stop, `2026-${month}-1${k}`, new Date(`2026-${month}-1${k + 2}T09:00:00Z`)));
      }
    });
    return Promise.resolve();
  });
}

const BATCH = 1000;

/** `npm run seed`: two claims per person (one PAID, one SUBMITTED), two items each, in one transaction. */
export async function seedBenchmark(orm: MikroORM, { corpId, people }: BenchmarkCorp): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), corpId);
  if (await em.count(ExpenseClaim, {})) throw new Error(`Corp "${corpId}" already has expense claims: pick another --corp`);
  const plan = stepsFor('', people.slice(0, 1).map((person) => person.unionId), []);
  await em.transactional(async (tx) => {
    for (let start = 0; start < people.length; start += BATCH) {
      const rows = people.slice(start, start + BATCH).flatMap((person, offset) => {
        const index = start + offset;
        const month = String((index % 12) + 1).padStart(2, '0');
        const items = [ITEMS[index % ITEMS.length], ITEMS[(index + 1) % ITEMS.length]];
        return [
          ...writeClaim(tx, person.unionId, 'Customer visit', ClaimStatus.PAID, items, plan, 0, `2026-${month}-10`, new Date(`2026-${month}-11T09:00:00Z`)),
          ...writeClaim(tx, person.unionId, 'Conference', ClaimStatus.SUBMITTED, items, plan, 0, `2026-${month}-12`, new Date(`2026-${month}-13T09:00:00Z`)),
        ];
      });
      await insertEntities(tx, rows);
    }
  });
}
