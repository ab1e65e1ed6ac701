import { createHash } from 'node:crypto';
import { singleTotal, totalsByCurrency } from '@corphub/module-kit';
import { DEMO_PEOPLE, demoManagerChain, demoPeopleTagged } from './people';

/**
 * A fixed id in UUID form for the demo row named `key`: the seeds of two subgraphs name the same row alike
 * (a claim and the approval request about it), and a second run of a seed finds what the first wrote.
 */
export function demoId(key: string): string {
  const hex = createHash('sha256').update(`corphub-demo:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type DemoClaimStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'PAID' | 'REJECTED' | 'WITHDRAWN';

/** An expense item: category, amount in minor units, currency, merchant. */
export type DemoExpenseItem = readonly [category: string, amountMinor: number, currency: string, merchant: string];

/** The demo's (and the benchmark seed's) expense items. */
export const DEMO_EXPENSE_ITEMS: readonly DemoExpenseItem[] = [
  ['travel', 128050, 'CNY', 'China Eastern'],
  ['meals', 8650, 'CNY', 'Din Tai Fung'],
  ['lodging', 64000, 'CNY', 'Hilton Shanghai'],
  ['transport', 4520, 'CNY', 'DiDi'],
  ['office', 1999, 'USD', 'Amazon'],
  ['meals', 3200, 'JPY', 'Ichiran'],
];

/** A step of a claim as a submit with expenses' default settings fixes it: a manager of the chain, or finance. */
export interface DemoClaimStep {
  role: 'MANAGER' | 'FINANCE';
  approvers: string[];
}

/**
 * The approval request a SUBMITTED demo claim waits on, as expenses would have asked it of the approvals
 * service: the approvals seed writes it (PENDING at the claim's step, the steps before approved), the
 * expenses seed records its id and version on the claim.
 */
export interface DemoClaimApproval {
  id: string;
  title: string;
  summary: string;
  amountMinor: number | null;
  currency: string | null;
  link: string;
  /** Its version: one for the request, one per approved step. */
  version: number;
}

export interface DemoClaim {
  id: string;
  claimantUnionId: string;
  title: string;
  status: DemoClaimStatus;
  items: readonly DemoExpenseItem[];
  /** When the items were incurred. */
  incurredOn: string;
  /** When it was written and, unless a DRAFT or WITHDRAWN, submitted. */
  at: Date;
  steps: DemoClaimStep[];
  /** SUBMITTED: the step it waits at; REJECTED: the step it was rejected at (the steps before approved). */
  stop: number;
  /** SUBMITTED claims only. */
  approval: DemoClaimApproval | null;
}

const STATES: DemoClaimStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'PAID', 'REJECTED', 'WITHDRAWN'];

/** The steps a submit fixes with the default settings: two levels of the manager chain, then finance. */
export function demoClaimSteps(claimant: string, finance: readonly string[], managers: readonly string[]): DemoClaimStep[] {
  return [...managers.slice(0, 2).map((unionId): DemoClaimStep => ({ role: 'MANAGER', approvers: [unionId] })), { role: 'FINANCE', approvers: finance.filter((unionId) => unionId !== claimant) }];
}

function approvalOf(id: string, title: string, items: readonly DemoExpenseItem[], stop: number): DemoClaimApproval {
  const totals = totalsByCurrency(items.map(([, amountMinor, currency]) => ({ amountMinor, currency })));
  const total = singleTotal(totals);
  return {
    id: demoId(`approval:${id}`),
    title,
    summary: `Expense claim: ${totals.map((money) => `${money.amount} ${money.currency}`).join(' + ')}`,
    amountMinor: total?.amountMinor ?? null,
    currency: total?.currency ?? null,
    link: `/expenses/claims/${id}`,
    version: 1 + stop,
  };
}

/**
 * The demo people's expense claims, two each, in every status: the expenses seed writes them, the approvals
 * seed the requests the SUBMITTED ones wait on, so managers and finance find them in `me { pendingApprovals }`.
 */
export const DEMO_CLAIMS: readonly DemoClaim[] = DEMO_PEOPLE.flatMap((person, index) => {
  const finance = demoPeopleTagged('finance').map((tagged) => tagged.unionId);
  const steps = demoClaimSteps(person.unionId, finance, demoManagerChain(person.unionId));
  return [0, 1].map((k): DemoClaim => {
    const status = STATES[(index + k) % STATES.length];
    const month = String(((index + k * 5) % 10) + 1).padStart(2, '0');
    // mostly CNY (the corp's currency); some trips abroad add a USD or JPY item
    const items = [DEMO_EXPENSE_ITEMS[(index + k) % 4], DEMO_EXPENSE_ITEMS[(index + k + 1) % 4], ...(index % 7 === 3 ? [DEMO_EXPENSE_ITEMS[4 + k]] : [])];
    // submitted claims wait at the first manager, the second or finance; rejections happen at any of them
    const stop = Math.min(k === 0 ? 0 : Math.floor(index / 6) % 3, steps.length - 1);
    const id = demoId(`claim:${person.unionId}:${k}`);
    const title = `Trip ${index + 1}.${k + 1}`;
    return {
      id,
      claimantUnionId: person.unionId,
      title,
      status,
      items,
      incurredOn: `2026-${month}-1${k}`,
      at: new Date(`2026-${month}-1${k + 2}T09:00:00Z`),
      steps,
      stop,
      approval: status === 'SUBMITTED' ? approvalOf(id, title, items, stop) : null,
    };
  });
});
