import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { ask, INBOX, must, REQUEST, seedOrg, type Org } from './helpers';

describe('approvals: SQL per request does not grow with the page', () => {
  let hub: TestHub;
  let org: Org;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'approvals_batching' });
    org = await seedOrg(hub, 'corp-a');
    for (let i = 0; i < 6; i++) {
      const input = ask(org, [{ kind: 'TAG', tag: 'finance', quorum: 'ALL' }, { kind: 'PEOPLE', unionIds: [org.ids.peer] }], { amountMinor: 1000 * (i + 1), currency: 'CNY' });
      await must(hub.request(REQUEST, { token: org.app, variables: { input } }), 'request');
    }
  });
  afterAll(() => hub?.stop());

  const INBOX_DEEP = /* GraphQL */ `query($first: Int) { me { pendingApprovals(first: $first) { totalCount nodes { id title amount { amount }
    requester { unionId displayName } steps { label status approvers { approver { unionId displayName } decision } } history { action actor } } } } }`;

  it('answers the inbox with the same statements for 1 and 6 requests', async () => {
    const count = async (first: number) => {
      hub.queries.reset();
      const data = await must(hub.request(INBOX_DEEP, { token: org.tokens.fin1, variables: { first } }), 'inbox');
      expect(data.me.pendingApprovals.nodes).toHaveLength(first);
      return hub.queries.count('approvals');
    };
    const one = await count(1);
    expect(one).toBeGreaterThan(0);
    expect(await count(6)).toBe(one);
    // and the plain inbox of the common client
    expect((await must(hub.request(INBOX, { token: org.tokens.fin1 }), 'inbox')).me.pendingApprovals.totalCount).toBe(6);
  });
});
