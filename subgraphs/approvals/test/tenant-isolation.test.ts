import { Role } from '@corphub/module-kit';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { errorCodes } from '@corphub/module-kit/testing';
import { ask, DECIDE, GET, INBOX, must, REQUEST, seedOrg, WITHDRAW, type Org } from './helpers';

describe('approvals: tenant isolation and app isolation', () => {
  let hub: TestHub;
  let a: Org;
  let b: Org;
  let asked: { id: string };

  beforeAll(async () => {
    hub = await startTestHub({ label: 'approvals_isolation' });
    a = await seedOrg(hub, 'corp-a');
    b = await seedOrg(hub, 'corp-b');
    asked = (await must(hub.request(REQUEST, { token: a.app, variables: { input: ask(a, [{ kind: 'PEOPLE', unionIds: [a.ids.peer] }]) } }), 'request')).requestApproval;
  });
  afterAll(() => hub?.stop());

  it('hides corp A’s requests from corp B: reads, lists, inbox and every mutation', async () => {
    expect(errorCodes(await hub.request(GET, { token: b.tokens.admin, variables: { id: asked.id } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(GET, { token: b.app, variables: { id: asked.id } }))).toEqual(['NOT_FOUND']);
    const list = await must(hub.request(`{ approvalRequests(first: 50) { totalCount nodes { id } } }`, { token: b.tokens.admin }), 'list');
    expect(list.approvalRequests).toEqual({ totalCount: 0, nodes: [] });
    expect((await must(hub.request(INBOX, { token: b.tokens.peer }), 'inbox')).me.pendingApprovals.totalCount).toBe(0);
    expect(errorCodes(await hub.request(DECIDE, { token: b.tokens.peer, variables: { input: { id: asked.id, version: 1, decision: 'APPROVE' } } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(WITHDRAW, { token: b.app, variables: { id: asked.id, v: 1 } }))).toEqual(['NOT_FOUND']);
    // corp A's people are nobody in corp B: B's app cannot route to them
    const cross = ask(b, [{ kind: 'PEOPLE', unionIds: [a.ids.peer] }]);
    expect(errorCodes(await hub.request(REQUEST, { token: b.app, variables: { input: cross } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(REQUEST, { token: b.app, variables: { input: { ...ask(b, [{ kind: 'PEOPLE', unionIds: [b.ids.peer] }]), requesterUnionId: a.ids.asker } } }))).toEqual(['BAD_USER_INPUT']);
    // and A's request is untouched
    expect((await must(hub.request(GET, { token: a.tokens.peer, variables: { id: asked.id } }), 'get')).approvalRequest).toMatchObject({ status: 'PENDING', version: 1 });
  });

  it('shows an app only its own requests', async () => {
    const logsApp = await hub.token({ corp: 'corp-a', role: Role.VENDOR, app: 'logs' });
    expect(errorCodes(await hub.request(GET, { token: logsApp, variables: { id: asked.id } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(`{ approvalRequests(appId: "expenses", first: 5) { totalCount } }`, { token: logsApp }))).toEqual(['FORBIDDEN']);
    expect((await must(hub.request(`{ approvalRequests(first: 5) { totalCount } }`, { token: logsApp }), 'own')).approvalRequests.totalCount).toBe(0);
    expect((await must(hub.request(`{ approvalRequests(first: 5) { totalCount nodes { id } } }`, { token: a.app }), 'own')).approvalRequests).toEqual({ totalCount: 1, nodes: [{ id: asked.id }] });
  });
});
