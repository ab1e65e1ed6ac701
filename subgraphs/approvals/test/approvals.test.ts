import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { errorCodes, waitFor } from '@corphub/module-kit/testing';
import { ask, DECIDE, GET, INBOX, must, REQUEST, seedOrg, WITHDRAW, type Org } from './helpers';

const MANAGERS = { kind: 'MANAGER_CHAIN', depth: 3 };

describe('approvals: the engine', () => {
  let hub: TestHub;
  let org: Org;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'approvals_engine' });
    org = await seedOrg(hub, 'corp-a');
  });
  afterAll(() => hub?.stop());

  const request = async (steps: Record<string, unknown>[], more: Record<string, unknown> = {}) =>
    (await must(hub.request(REQUEST, { token: org.app, variables: { input: ask(org, steps, more) } }), 'request')).requestApproval;
  const decide = (token: string, input: Record<string, unknown>) => hub.request(DECIDE, { token, variables: { input } });
  const approvers = (step: { approvers: { approver: { unionId: string }; decision: string | null; waiting: boolean }[] }) =>
    step.approvers.map((row) => [row.approver.unionId, row.decision, row.waiting]);

  it('resolves a manager chain at submit, one step per manager, nearest first; approvals walk it to APPROVED', async () => {
    const asked = await request([MANAGERS]);
    expect(asked).toMatchObject({ appId: 'expenses', subjectType: 'ExpenseClaim', status: 'PENDING', version: 1, currentStep: 0, requester: { unionId: org.ids.asker } });
    expect(asked.steps.map((step: { label: string; status: string }) => [step.label, step.status])).toEqual([
      ['Manager (level 1)', 'PENDING'],
      ['Manager (level 2)', 'WAITING'],
      ['Manager (level 3)', 'WAITING'],
    ]);
    expect(asked.steps.map(approvers)).toEqual([[[org.ids.lead, null, true]], [[org.ids.head, null, false]], [[org.ids.ceo, null, false]]]);
    // the head cannot decide before their step
    expect(errorCodes(await decide(org.tokens.head, { id: asked.id, version: 1, decision: 'APPROVE' }))).toEqual(['FORBIDDEN']);
    let v = 1;
    for (const who of ['lead', 'head', 'ceo'] as const) {
      const answer = (await must(decide(org.tokens[who], { id: asked.id, version: v, decision: 'APPROVE', comment: `ok ${who}` }), who)).decideApproval;
      v = answer.version;
    }
    const done = (await must(hub.request(GET, { token: org.tokens.asker, variables: { id: asked.id } }), 'get')).approvalRequest;
    expect(done).toMatchObject({ status: 'APPROVED', version: 4, currentStep: null });
    expect(done.history.map((event: { action: string; actor: string }) => [event.action, event.actor])).toEqual([
      ['REQUESTED', 'app:expenses'],
      ['APPROVED', org.ids.lead],
      ['APPROVED', org.ids.head],
      ['APPROVED', org.ids.ceo],
    ]);
  });

  it('stops the manager chain at the first level whose limit covers the amount', async () => {
    const limits = [
      { level: 1, amountMinor: 50000 },
      { level: 2, amountMinor: 500000 },
    ];
    const small = await request([{ ...MANAGERS, limits }], { amountMinor: 12850, currency: 'CNY' });
    expect(small.steps).toHaveLength(1);
    expect(small.amount).toEqual({ amountMinor: 12850, currency: 'CNY', amount: '128.50' });
    const large = await request([{ ...MANAGERS, limits }], { amountMinor: 100000, currency: 'CNY' });
    expect(large.steps).toHaveLength(2);
    const huge = await request([{ ...MANAGERS, limits }], { amountMinor: 9000000, currency: 'CNY' });
    expect(huge.steps).toHaveLength(3);
  });

  it('resolves a role (job title) and a tag; ANY settles on one approval, ALL waits for every approver', async () => {
    const asked = await request([
      { kind: 'ROLE', role: 'Controller', quorum: 'ANY' },
      { kind: 'TAG', tag: 'finance', quorum: 'ALL' },
    ]);
    expect(asked.steps.map((step: { label: string; quorum: string }) => [step.label, step.quorum])).toEqual([
      ['Role: Controller', 'ANY'],
      ['Tag: finance', 'ALL'],
    ]);
    const first = (await must(decide(org.tokens.fin1, { id: asked.id, version: 1, decision: 'APPROVE' }), 'any')).decideApproval;
    expect(first).toMatchObject({ currentStep: 1, status: 'PENDING' });
    expect(approvers(first.steps[0]).sort()).toEqual([[org.ids.fin1, 'APPROVED', false], [org.ids.fin2, null, false]].sort());
    const half = (await must(decide(org.tokens.fin2, { id: asked.id, version: 2, decision: 'APPROVE' }), 'all 1')).decideApproval;
    expect(half).toMatchObject({ currentStep: 1, status: 'PENDING' });
    const whole = (await must(decide(org.tokens.fin1, { id: asked.id, version: 3, decision: 'APPROVE' }), 'all 2')).decideApproval;
    expect(whole).toMatchObject({ status: 'APPROVED', currentStep: null });
  });

  it('names people; a rejection needs a reason and ends the request', async () => {
    const asked = await request([{ kind: 'PEOPLE', unionIds: [org.ids.peer, org.ids.fin1], quorum: 'ALL' }]);
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'REJECT' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'REJECT', comment: '   ' }))).toEqual(['BAD_USER_INPUT']);
    const rejected = (await must(decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'REJECT', comment: 'Over budget' }), 'reject')).decideApproval;
    expect(rejected).toMatchObject({ status: 'REJECTED', version: 2 });
    expect(rejected.steps[0].status).toBe('REJECTED');
    expect(rejected.history.at(-1)).toMatchObject({ action: 'REJECTED', actor: org.ids.peer, comment: 'Over budget' });
    // final: nobody decides any more
    expect(errorCodes(await decide(org.tokens.fin1, { id: asked.id, version: 2, decision: 'APPROVE' }))).toEqual(['CONFLICT']);
  });

  it('sends back with a reason', async () => {
    const asked = await request([{ kind: 'PEOPLE', unionIds: [org.ids.peer] }]);
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'SEND_BACK' }))).toEqual(['BAD_USER_INPUT']);
    const back = (await must(decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'SEND_BACK', comment: 'Attach the invoice' }), 'send back')).decideApproval;
    expect(back).toMatchObject({ status: 'SENT_BACK', currentStep: null });
    expect(back.steps[0]).toMatchObject({ status: 'CLOSED' });
  });

  it('transfers to another approver, who then decides instead', async () => {
    const asked = await request([{ kind: 'PEOPLE', unionIds: [org.ids.peer] }]);
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'TRANSFER' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'TRANSFER', transferTo: org.ids.asker }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'TRANSFER', transferTo: 'nobody' }))).toEqual(['BAD_USER_INPUT']);
    const moved = (await must(decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'TRANSFER', transferTo: org.ids.fin2, comment: 'Fran knows' }), 'transfer')).decideApproval;
    expect(moved).toMatchObject({ status: 'PENDING', version: 2 });
    expect(approvers(moved.steps[0])).toEqual([
      [org.ids.peer, 'TRANSFERRED', false],
      [org.ids.fin2, null, true],
    ]);
    expect(moved.history.at(-1)).toMatchObject({ action: 'TRANSFERRED', transferredTo: org.ids.fin2 });
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 2, decision: 'APPROVE' }))).toEqual(['FORBIDDEN']);
    const approved = (await must(decide(org.tokens.fin2, { id: asked.id, version: 2, decision: 'APPROVE' }), 'approve')).decideApproval;
    expect(approved.status).toBe('APPROVED');
  });

  it('lets the requester (or the asking app) withdraw, and nobody else', async () => {
    const asked = await request([{ kind: 'PEOPLE', unionIds: [org.ids.peer] }]);
    expect(errorCodes(await hub.request(WITHDRAW, { token: org.tokens.peer, variables: { id: asked.id, v: 1 } }))).toEqual(['FORBIDDEN']);
    const withdrawn = (await must(hub.request(WITHDRAW, { token: org.tokens.asker, variables: { id: asked.id, v: 1, r: 'Not needed' } }), 'withdraw')).withdrawApproval;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 2 });
    expect(errorCodes(await hub.request(WITHDRAW, { token: org.tokens.asker, variables: { id: asked.id, v: 2 } }))).toEqual(['CONFLICT']);
    const byApp = await request([{ kind: 'PEOPLE', unionIds: [org.ids.peer] }]);
    expect((await must(hub.request(WITHDRAW, { token: org.app, variables: { id: byApp.id, v: 1 } }), 'app withdraw')).withdrawApproval.status).toBe('WITHDRAWN');
  });

  it('writes each decision to the audit log with who decided, about whose request', async () => {
    const asked = await request([{ kind: 'PEOPLE', unionIds: [org.ids.peer] }]);
    await must(decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'REJECT', comment: 'No budget' }), 'reject');
    const LOG = `query($p: ID) { auditLog(first: 20, action: "approval.decided", person: $p) { nodes { action actor subjectUnionId target details } } }`;
    const lines = async () => (await must(hub.request<{ auditLog: { nodes: Record<string, unknown>[] } }>(LOG, { token: org.tokens.admin, variables: { p: org.ids.peer } }), 'audit log')).auditLog.nodes;
    // the decision reaches identity through the approvals outbox
    await waitFor('the decision in the audit log', async () => (await lines()).some((line) => line.target === asked.id));
    expect((await lines()).find((line) => line.target === asked.id)).toEqual({
      action: 'approval.decided',
      actor: org.ids.peer,
      subjectUnionId: org.ids.asker,
      target: asked.id,
      details: JSON.stringify({ status: 'REJECTED', appId: 'expenses', subjectType: 'ExpenseClaim', subjectId: asked.subjectId }),
    });
  });

  it('refuses a second pending request for the same subject, naming the first', async () => {
    const input = ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }]);
    const first = (await must(hub.request(REQUEST, { token: org.app, variables: { input } }), 'first')).requestApproval;
    const again = await hub.request(REQUEST, { token: org.app, variables: { input } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', approvalId: first.id });
  });

  it('lists every waiting decision in the approver’s one inbox, and nothing decided', async () => {
    const before = (await must(hub.request(INBOX, { token: org.tokens.fin2 }), 'inbox')).me.pendingApprovals;
    const asked = await request([{ kind: 'PEOPLE', unionIds: [org.ids.fin2] }], { title: 'Inbox item', summary: 'Two nights in Shanghai' });
    const inbox = (await must(hub.request(INBOX, { token: org.tokens.fin2 }), 'inbox')).me.pendingApprovals;
    expect(inbox.totalCount).toBe(before.totalCount + 1);
    expect(inbox.nodes.at(-1)).toEqual({ id: asked.id, title: 'Inbox item', appId: 'expenses', subjectType: 'ExpenseClaim', subjectId: asked.subjectId, status: 'PENDING' });
    await must(decide(org.tokens.fin2, { id: asked.id, version: 1, decision: 'APPROVE' }), 'approve');
    const after = (await must(hub.request(INBOX, { token: org.tokens.fin2 }), 'inbox')).me.pendingApprovals;
    expect(after.totalCount).toBe(before.totalCount);
    // the requester's inbox never shows their own request
    const mine = (await must(hub.request(INBOX, { token: org.tokens.asker }), 'inbox')).me.pendingApprovals;
    expect(mine.nodes.map((node: { id: string }) => node.id)).not.toContain(asked.id);
  });

  it('refuses bad input with precise codes and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [ask(org, []), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'ROLE' }]), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'ROLE', role: 'Astronaut' }]), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'TAG', tag: 'finance', role: 'Controller' }]), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.asker] }]), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: ['stranger'] }]), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'MANAGER_CHAIN', depth: 0 }]), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer], depth: 2 }]), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }], { requesterUnionId: 'stranger' }), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }], { amountMinor: 100 }), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }], { amountMinor: 100, currency: 'XYZ' }), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }], { title: ' ' }), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }], { subjectType: 'not a type' }), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }], { title: 'nul\u0000' }), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }], { link: 'https://elsewhere.example/x' }), 'BAD_USER_INPUT'],
      [ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }], { link: `/${'x'.repeat(300)}` }), 'BAD_USER_INPUT'],
    ];
    for (const [input, code] of cases) expect([JSON.stringify(input), errorCodes(await hub.request(REQUEST, { token: org.app, variables: { input } }))]).toEqual([JSON.stringify(input), [code]]);
    // the CEO has no manager: a chain alone names nobody
    const ceoAsks = { ...ask(org, [MANAGERS]), requesterUnionId: org.ids.ceo };
    expect(errorCodes(await hub.request(REQUEST, { token: org.app, variables: { input: ceoAsks } }))).toEqual(['BAD_USER_INPUT']);
    // only apps ask
    for (const token of [org.tokens.asker, org.tokens.admin]) {
      expect(errorCodes(await hub.request(REQUEST, { token, variables: { input: ask(org, [{ kind: 'PEOPLE', unionIds: [org.ids.peer] }]) } }))).toEqual(['FORBIDDEN']);
    }
    const asked = await request([{ kind: 'PEOPLE', unionIds: [org.ids.peer] }]);
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'MAYBE' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 7, decision: 'APPROVE' }))).toEqual(['CONFLICT']);
    expect(errorCodes(await decide(org.tokens.peer, { id: 'nope', version: 1, decision: 'APPROVE' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await decide(org.app, { id: asked.id, version: 1, decision: 'APPROVE' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decide(org.tokens.peer, { id: asked.id, version: 1, decision: 'APPROVE', transferTo: org.ids.fin1 }))).toEqual(['BAD_USER_INPUT']);
    // onBehalfOf is for hub modules (a service token of the app that asked): not for a vendor's app token nor a person
    expect(errorCodes(await decide(org.app, { id: asked.id, version: 1, decision: 'APPROVE', onBehalfOf: org.ids.peer }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decide(org.tokens.admin, { id: asked.id, version: 1, decision: 'APPROVE', onBehalfOf: org.ids.peer }))).toEqual(['FORBIDDEN']);
    // the inbox filter lists PENDING requests only
    const awaiting = await hub.request(`query($u: ID!) { approvalRequests(awaitingDecisionBy: $u, status: APPROVED) { totalCount } }`, { token: org.app, variables: { u: org.ids.peer } });
    expect(errorCodes(awaiting)).toEqual(['BAD_USER_INPUT']);
    const waiting = await must(hub.request(`query($u: ID!) { approvalRequests(awaitingDecisionBy: $u) { nodes { id } } }`, { token: org.app, variables: { u: org.ids.peer } }), 'awaiting');
    expect(waiting.approvalRequests.nodes).toContainEqual({ id: asked.id });
    // someone with no part in it does not even see it
    expect(errorCodes(await decide(org.tokens.fin1, { id: asked.id, version: 1, decision: 'APPROVE' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(GET, { token: org.tokens.fin1, variables: { id: asked.id } }))).toEqual(['NOT_FOUND']);
    expect((await must(hub.request(GET, { token: org.tokens.peer, variables: { id: asked.id } }), 'get')).approvalRequest.version).toBe(1);
  });
});
