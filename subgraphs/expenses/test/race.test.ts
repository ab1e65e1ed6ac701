import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { errorCodes } from '@corphub/module-kit/testing';
import { APPROVE, CREATE, GET, item, must, REJECT, seedOrg, SUBMIT, type Org } from './helpers';

// runs on SQLite, and on PostgreSQL when DATABASE_URL is set (npm test both ways)
describe('expenses: 100 concurrent decisions on one step', () => {
  let hub: TestHub;
  let org: Org;

  beforeAll(async () => {
    // each decision is two hops now (expenses, then the approvals service through the gateway): 100 at once on a
    // busy 2-core machine may outlast the default subgraph timeout; the point here is exactly-once
    hub = await startTestHub({ label: 'expenses_race', gateway: { subgraphTimeoutMs: { default: 60_000 } } });
    org = await seedOrg(hub, 'corp-a');
  });
  afterAll(() => hub?.stop());

  it('lets exactly one approve-or-reject win; the history shows one decision', async () => {
    const claim = (await must(hub.request(CREATE, { token: org.tokens.claimant, variables: { input: { title: 'Race', items: [item()] } } }), 'create')).createExpenseClaim;
    await must(hub.request(SUBMIT, { token: org.tokens.claimant, variables: { id: claim.id, v: 1 } }), 'submit');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 ? hub.request(APPROVE, { token: org.tokens.lead, variables: { id: claim.id, v: 2, c: `approve ${i}` } }) : hub.request(REJECT, { token: org.tokens.lead, variables: { id: claim.id, v: 2, c: `reject ${i}` } }),
      ),
    );
    const winners = answers.filter((answer) => !answer.errors);
    expect(winners).toHaveLength(1);
    expect(new Set(answers.filter((answer) => answer.errors).flatMap((answer) => errorCodes(answer)))).toEqual(new Set(['CONFLICT']));
    const after = (await must(hub.request(GET, { token: org.tokens.claimant, variables: { id: claim.id } }), 'get')).expenseClaim;
    expect(after.version).toBe(3);
    const decisions = after.history.filter((event: { action: string }) => event.action === 'APPROVED' || event.action === 'REJECTED');
    expect(decisions).toHaveLength(1);
    expect(after.steps[0].approvers).toEqual([{ approverUnionId: org.ids.lead, decision: decisions[0].action }]);
    expect(after.status).toBe(decisions[0].action === 'REJECTED' ? 'REJECTED' : 'SUBMITTED');
  });
});
