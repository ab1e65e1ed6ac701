import { Role, scopeToCorp } from '@corphub/module-kit';
import { waitFor, type GraphQLResponse } from '@corphub/module-kit/testing';
import { DEMO, DEMO_CLAIMS, DEMO_PEOPLE } from '@corphub/demo';
import { approvals, ApprovalApprover, ApprovalEvent, ApprovalRequest, ApprovalStep } from '@corphub/approvals';
import { expenses, ExpenseClaim } from '@corphub/expenses';
import type { EntityName } from '@mikro-orm/core';
import { startTestHub, type TestHub } from '../src/testing';

// a cross-package test: the demo's SUBMITTED claims (expenses' seed) wait on requests in the approvals seed

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the answer by its own shape
async function must<T = Record<string, any>>(response: Promise<GraphQLResponse<T>>, what: string): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(`${what}: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

const INBOX = /* GraphQL */ `{ me { pendingApprovals(first: 100) { totalCount nodes { id appId subjectType subjectId title status version expenseClaim { id title status approval { id } } } } } }`;
const CLAIM = /* GraphQL */ `query($id: ID!) { expenseClaim(id: $id) { id status version approval { id } history { action actor } } }`;

interface InboxNode {
  id: string;
  subjectId: string;
  version: number;
  expenseClaim: { id: string; title: string; status: string; approval: { id: string } } | null;
}

const pendingClaims = DEMO_CLAIMS.filter((claim) => claim.status === 'SUBMITTED');
/** The demo claims a person decides now: they approve at the step the claim waits at. */
const awaiting = (unionId: string) => pendingClaims.filter((claim) => claim.steps[claim.stop].approvers.includes(unionId));

describe('the demo corp’s approvals inbox after `npm start`', () => {
  let hub: TestHub;
  const tokens = new Map<string, string>();
  const inboxOf = async (unionId: string) => (await must(hub.request<{ me: { pendingApprovals: { totalCount: number; nodes: InboxNode[] } } }>(INBOX, { token: tokens.get(unionId) }), 'inbox')).me.pendingApprovals;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'demo_approvals', seedDemo: true });
    for (const person of DEMO_PEOPLE) tokens.set(person.unionId, await hub.token({ corp: DEMO.corpId, role: person.unionId === DEMO.adminUnionId ? Role.ADMIN : Role.EMPLOYEE, union: person.unionId }));
  }, 120_000);
  afterAll(() => hub?.stop());

  it('lists every seeded pending claim in its approvers’ inboxes, the claim resolved through federation', async () => {
    // the demo has claims waiting at the first manager, the second one and finance
    expect(new Set(pendingClaims.map((claim) => claim.steps[claim.stop].role))).toEqual(new Set(['MANAGER', 'FINANCE']));
    expect(awaiting(DEMO.adminUnionId).length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const person of DEMO_PEOPLE) {
      const inbox = await inboxOf(person.unionId);
      const expected = awaiting(person.unionId);
      expect({ person: person.displayName, count: inbox.totalCount }).toEqual({ person: person.displayName, count: expected.length });
      expect(inbox.nodes.map((node) => node.subjectId).sort()).toEqual(expected.map((claim) => claim.id).sort());
      for (const node of inbox.nodes) {
        const claim = expected.find((candidate) => candidate.id === node.subjectId)!;
        expect(node).toMatchObject({ id: claim.approval!.id, version: claim.approval!.version, expenseClaim: { id: claim.id, title: claim.title, status: 'SUBMITTED', approval: { id: claim.approval!.id } } });
        seen.add(node.subjectId);
      }
    }
    // every pending claim is in someone's inbox
    expect([...seen].sort()).toEqual(pendingClaims.map((claim) => claim.id).sort());
  });

  it('moves the claim when its request is decided in the inbox, and through expenses’ own mutation', async () => {
    const [inInbox, throughExpenses] = awaiting(DEMO.adminUnionId);
    const token = tokens.get(DEMO.adminUnionId)!;
    // decided in the one inbox: expenses follows the approvals service
    const decided = await must(
      hub.request(`mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { status } }`, {
        token,
        variables: { input: { id: inInbox.approval!.id, version: inInbox.approval!.version, decision: 'REJECT', comment: 'Over budget' } },
      }),
      'decide',
    );
    expect(decided.decideApproval.status).toBe('REJECTED');
    await waitFor('the claim rejected', async () => (await must(hub.request(CLAIM, { token, variables: { id: inInbox.id } }), 'claim')).expenseClaim.status === 'REJECTED');
    const rejected = (await must(hub.request(CLAIM, { token, variables: { id: inInbox.id } }), 'claim')).expenseClaim;
    expect(rejected.history.at(-1)).toEqual({ action: 'REJECTED', actor: DEMO.adminUnionId });
    // decided through expenses: the seeded claim's version and its request's agree, so no CONFLICT
    const claim = (await must(hub.request(CLAIM, { token, variables: { id: throughExpenses.id } }), 'claim')).expenseClaim;
    const approved = await must(hub.request(`mutation($id: ID!, $v: Int!) { approveClaim(claimId: $id, version: $v) { status approval { id } } }`, { token, variables: { id: claim.id, v: claim.version } }), 'approve');
    expect(approved.approveClaim.approval).toEqual({ id: throughExpenses.approval!.id });
    // the admin no longer decides either
    expect((await inboxOf(DEMO.adminUnionId)).nodes.map((node) => node.subjectId)).not.toEqual(expect.arrayContaining([inInbox.id]));
    expect((await inboxOf(DEMO.adminUnionId)).nodes.map((node) => node.subjectId)).not.toEqual(expect.arrayContaining([throughExpenses.id]));
  });

  it('writes nothing twice when the seeds run again', async () => {
    const count = async () => {
      const em = scopeToCorp(hub.subgraphs.approvals.orm.em.fork(), DEMO.corpId);
      const rows = await Promise.all([ApprovalRequest, ApprovalStep, ApprovalApprover, ApprovalEvent].map((entity) => em.count(entity as EntityName<object>, {})));
      return [...rows, await scopeToCorp(hub.subgraphs.expenses.orm.em.fork(), DEMO.corpId).count(ExpenseClaim, {})];
    };
    const before = await count();
    expect(before[0]).toBe(pendingClaims.length);
    await approvals.seedDemo!(hub.subgraphs.approvals.orm);
    await expenses.seedDemo!(hub.subgraphs.expenses.orm);
    expect(await count()).toEqual(before);
  });
});
