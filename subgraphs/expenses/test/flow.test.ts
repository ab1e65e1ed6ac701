import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { errorCodes } from '@corphub/module-kit/testing';
import { APPROVE, CREATE, GET, item, must, PAID, REJECT, SEND_BACK, seedOrg, SUBMIT, UPDATE, WITHDRAW, type Org } from './helpers';

describe('expenses: the approval flow through two managers and finance', () => {
  let hub: TestHub;
  let org: Org;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'expenses_flow' });
    org = await seedOrg(hub, 'corp-a');
  });
  afterAll(() => hub?.stop());

  const draft = async (items = [item()]) => (await must(hub.request(CREATE, { token: org.tokens.claimant, variables: { input: { title: 'Beijing trip', items } } }), 'create')).createExpenseClaim;
  const act = (query: string, token: string, variables: Record<string, unknown>) => hub.request(query, { token, variables });

  it('drafts, edits, submits, approves through lead, head and finance, then finance marks it paid', async () => {
    const created = await draft();
    expect(created).toMatchObject({ status: 'DRAFT', version: 1, total: { amountMinor: 12850, currency: 'CNY', amount: '128.50' }, steps: [] });
    const edited = (await must(act(UPDATE, org.tokens.claimant, { id: created.id, v: 1, input: { title: 'Beijing trip', items: [item(), item({ category: 'meals', amount: undefined, amountMinor: 8650 })] } }), 'edit')).updateExpenseClaim;
    expect(edited).toMatchObject({ version: 2, total: { amountMinor: 21500, amount: '215.00' } });

    const submitted = (await must(act(SUBMIT, org.tokens.claimant, { id: created.id, v: 2 }), 'submit')).submitClaim;
    expect(submitted.status).toBe('SUBMITTED');
    expect(submitted.steps).toEqual([
      { position: 0, role: 'MANAGER', mode: 'ANY', status: 'PENDING', approvers: [{ approverUnionId: org.ids.lead, decision: null }] },
      { position: 1, role: 'MANAGER', mode: 'ANY', status: 'WAITING', approvers: [{ approverUnionId: org.ids.head, decision: null }] },
      { position: 2, role: 'FINANCE', mode: 'ANY', status: 'WAITING', approvers: expect.arrayContaining([{ approverUnionId: org.ids.fin1, decision: null }, { approverUnionId: org.ids.fin2, decision: null }]) },
    ]);

    const pending = async (token: string) => (await must(hub.request(`{ pendingApprovals { totalCount nodes { id } total { amount } } }`, { token }), 'pending')).pendingApprovals;
    expect(await pending(org.tokens.lead)).toEqual({ totalCount: 1, nodes: [{ id: created.id }], total: { amount: '215.00' } });
    expect(await pending(org.tokens.head)).toEqual({ totalCount: 0, nodes: [], total: null });

    // the head may not decide before the lead; nobody else may decide at all
    expect(errorCodes(await act(APPROVE, org.tokens.head, { id: created.id, v: 3 }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await act(APPROVE, org.tokens.claimant, { id: created.id, v: 3 }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await act(APPROVE, org.tokens.fin1, { id: created.id, v: 3 }))).toEqual(['FORBIDDEN']);

    let claim = (await must(act(APPROVE, org.tokens.lead, { id: created.id, v: 3, c: 'fine' }), 'lead')).approveClaim;
    expect(claim).toMatchObject({ status: 'SUBMITTED', currentStep: 1, version: 4 });
    expect(await pending(org.tokens.head)).toEqual({ totalCount: 1, nodes: [{ id: created.id }], total: { amount: '215.00' } });
    // a stale version is CONFLICT
    expect(errorCodes(await act(APPROVE, org.tokens.head, { id: created.id, v: 3 }))).toEqual(['CONFLICT']);
    claim = (await must(act(APPROVE, org.tokens.head, { id: created.id, v: 4 }), 'head')).approveClaim;
    expect(claim).toMatchObject({ status: 'SUBMITTED', currentStep: 2 });
    // finance may not pay before approving
    expect(errorCodes(await act(PAID, org.tokens.fin1, { id: created.id, v: 5, ref: 'PAY-1' }))).toEqual(['CONFLICT']);
    claim = (await must(act(APPROVE, org.tokens.fin2, { id: created.id, v: 5 }), 'finance')).approveClaim;
    expect(claim).toMatchObject({ status: 'APPROVED', currentStep: null, version: 6 });
    // the claimant may no longer withdraw, and only finance pays
    expect(errorCodes(await act(WITHDRAW, org.tokens.claimant, { id: created.id, v: 6 }))).toEqual(['CONFLICT']);
    expect(errorCodes(await act(PAID, org.tokens.lead, { id: created.id, v: 6, ref: 'PAY-1' }))).toEqual(['FORBIDDEN']);
    const paid = (await must(act(PAID, org.tokens.fin1, { id: created.id, v: 6, ref: 'PAY-1' }), 'paid')).markClaimPaid;
    expect(paid).toMatchObject({ status: 'PAID', paymentReference: 'PAY-1', version: 7 });
    expect(paid.history.map((event: { action: string; actor: string }) => [event.action, event.actor])).toEqual([
      ['CREATED', org.ids.claimant],
      ['EDITED', org.ids.claimant],
      ['SUBMITTED', org.ids.claimant],
      ['APPROVED', org.ids.lead],
      ['APPROVED', org.ids.head],
      ['APPROVED', org.ids.fin2],
      ['PAID', org.ids.fin1],
    ]);
  });

  it('rejects only with a reason', async () => {
    const claim = await draft();
    await must(act(SUBMIT, org.tokens.claimant, { id: claim.id, v: 1 }), 'submit');
    expect(errorCodes(await act(REJECT, org.tokens.lead, { id: claim.id, v: 2, c: '  ' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await act(REJECT, org.tokens.lead, { id: claim.id, v: 2, c: 'x'.repeat(2001) }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await act(`mutation($id: ID!, $v: Int!) { rejectClaim(claimId: $id, version: $v) { id } }`, org.tokens.lead, { id: claim.id, v: 2 }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const rejected = (await must(act(REJECT, org.tokens.lead, { id: claim.id, v: 2, c: 'No receipt' }), 'reject')).rejectClaim;
    expect(rejected).toMatchObject({ status: 'REJECTED', version: 3 });
    expect(rejected.history.at(-1)).toEqual({ action: 'REJECTED', actor: org.ids.lead, comment: 'No receipt', version: 3 });
    expect(rejected.steps[0]).toMatchObject({ status: 'REJECTED', approvers: [{ approverUnionId: org.ids.lead, decision: 'REJECTED' }] });
  });

  it('sends a claim back to the claimant (history kept), who edits and resubmits', async () => {
    const claim = await draft();
    await must(act(SUBMIT, org.tokens.claimant, { id: claim.id, v: 1 }), 'submit');
    const back = (await must(act(SEND_BACK, org.tokens.lead, { id: claim.id, v: 2, c: 'Split the taxi' }), 'send back')).sendBackClaim;
    expect(back).toMatchObject({ status: 'DRAFT', version: 3, steps: [] });
    expect(back.history.map((event: { action: string }) => event.action)).toEqual(['CREATED', 'SUBMITTED', 'SENT_BACK']);
    const again = (await must(act(SUBMIT, org.tokens.claimant, { id: claim.id, v: 3 }), 'resubmit')).submitClaim;
    expect(again).toMatchObject({ status: 'SUBMITTED', currentStep: 0 });
    expect(again.steps).toHaveLength(3);
  });

  it('lets the claimant withdraw a submitted claim, and nobody else', async () => {
    const claim = await draft();
    await must(act(SUBMIT, org.tokens.claimant, { id: claim.id, v: 1 }), 'submit');
    expect(errorCodes(await act(WITHDRAW, org.tokens.lead, { id: claim.id, v: 2 }))).toEqual(['FORBIDDEN']);
    const withdrawn = (await must(act(WITHDRAW, org.tokens.claimant, { id: claim.id, v: 2 }), 'withdraw')).withdrawClaim;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 3 });
    expect(errorCodes(await act(APPROVE, org.tokens.lead, { id: claim.id, v: 3 }))).toEqual(['CONFLICT']);
    const pending = (await must(hub.request(`{ pendingApprovals(first: 100) { nodes { id } } }`, { token: org.tokens.lead }), 'pending')).pendingApprovals.nodes;
    expect(pending.map((node: { id: string }) => node.id)).not.toContain(claim.id);
  });

  it('hides a claim from people who neither made nor approve it', async () => {
    const claim = await draft();
    expect(errorCodes(await hub.request(GET, { token: org.tokens.peer, variables: { id: claim.id } }))).toEqual(['NOT_FOUND']);
    expect((await must(hub.request(GET, { token: org.tokens.admin, variables: { id: claim.id } }), 'admin')).expenseClaim.id).toBe(claim.id);
  });

  it('with finance mode ALL, needs every finance approver; one rejection ends it', async () => {
    await must(hub.request(`mutation { updateExpenseSettings(input: { managerDepth: 0, financeMode: ALL }) { managerDepth financeMode } }`, { token: org.tokens.admin }), 'settings');
    try {
      const first = await draft();
      await must(act(SUBMIT, org.tokens.claimant, { id: first.id, v: 1 }), 'submit');
      let claim = (await must(act(APPROVE, org.tokens.fin1, { id: first.id, v: 2 }), 'fin1')).approveClaim;
      expect(claim).toMatchObject({ status: 'SUBMITTED', currentStep: 0 });
      expect(errorCodes(await act(APPROVE, org.tokens.fin1, { id: first.id, v: 3 }))).toEqual(['FORBIDDEN']);
      claim = (await must(act(APPROVE, org.tokens.fin2, { id: first.id, v: 3 }), 'fin2')).approveClaim;
      expect(claim).toMatchObject({ status: 'APPROVED' });

      const second = await draft();
      await must(act(SUBMIT, org.tokens.claimant, { id: second.id, v: 1 }), 'submit');
      await must(act(APPROVE, org.tokens.fin1, { id: second.id, v: 2 }), 'fin1');
      expect((await must(act(REJECT, org.tokens.fin2, { id: second.id, v: 3, c: 'Over budget' }), 'fin2')).rejectClaim).toMatchObject({ status: 'REJECTED' });
    } finally {
      await must(hub.request(`mutation { updateExpenseSettings(input: { managerDepth: 2, financeMode: ANY }) { managerDepth } }`, { token: org.tokens.admin }), 'settings');
    }
  });

  it('stops the manager chain at the first level whose approval limits cover the claim, per currency', async () => {
    const SETTINGS = /* GraphQL */ `mutation($input: ExpenseSettingsInput!) { updateExpenseSettings(input: $input) { managerDepth managerApprovalLimits { level limit { amount currency } } } }`;
    const limits = [
      { level: 2, currency: 'CNY', amount: '5000' },
      { level: 1, currency: 'CNY', amount: '500.00' },
      { level: 1, currency: 'JPY', amount: '50000' },
    ];
    const set = await must(hub.request(SETTINGS, { token: org.tokens.admin, variables: { input: { managerApprovalLimits: limits } } }), 'limits');
    expect(set.updateExpenseSettings).toEqual({
      managerDepth: 2,
      managerApprovalLimits: [
        { level: 1, limit: { amount: '500.00', currency: 'CNY' } },
        { level: 1, limit: { amount: '50000', currency: 'JPY' } },
        { level: 2, limit: { amount: '5000.00', currency: 'CNY' } },
      ],
    });
    const approvers = async (items: ReturnType<typeof item>[]) => {
      const claim = await draft(items);
      const submitted = (await must(act(SUBMIT, org.tokens.claimant, { id: claim.id, v: 1 }), 'submit')).submitClaim;
      return submitted.steps.map((step: { role: string; approvers: { approverUnionId: string }[] }) => (step.role === 'FINANCE' ? 'finance' : step.approvers[0].approverUnionId));
    };
    try {
      const { lead, head, ceo } = org.ids;
      // exactly at the direct manager's limit: the lead alone, then finance
      expect(await approvers([item({ amount: '300.00' }), item({ amount: '200.00' })])).toEqual([lead, 'finance']);
      expect(await approvers([item({ amount: '500.01' })])).toEqual([lead, head, 'finance']);
      expect(await approvers([item({ amount: '30000', currency: 'JPY' })])).toEqual([lead, 'finance']);
      // beyond every limit: managerDepth levels
      expect(await approvers([item({ amount: '9000.00' })])).toEqual([lead, head, 'finance']);
      // a currency without a limit at a level is never covered there (no exchange rate): the whole depth
      expect(await approvers([item({ amount: '10.00' }), item({ amount: '5.00', currency: 'USD' })])).toEqual([lead, head, 'finance']);
      // mixed currencies, each within level 1's limits: the lead alone
      expect(await approvers([item({ amount: '10.00' }), item({ amount: '100', currency: 'JPY' })])).toEqual([lead, 'finance']);
      await must(hub.request(SETTINGS, { token: org.tokens.admin, variables: { input: { managerDepth: 3 } } }), 'depth 3');
      expect(await approvers([item({ amount: '9000.00' })])).toEqual([lead, head, ceo, 'finance']);
      expect(await approvers([item({ amount: '4999.99' })])).toEqual([lead, head, 'finance']);

      // bad limits are refused and change nothing
      const before = (await must(hub.request(`{ expenseSettings { managerDepth managerApprovalLimits { level limit { amountMinor currency } } } }`, { token: org.tokens.admin }), 'settings')).expenseSettings;
      for (const bad of [
        [{ level: 0, currency: 'CNY', amount: '1' }],
        [{ level: 11, currency: 'CNY', amount: '1' }],
        [{ level: 1, currency: 'XYZ', amount: '1' }],
        [{ level: 1, currency: 'CNY', amount: '1.234' }],
        [{ level: 1, currency: 'CNY', amount: '-1' }],
        [{ level: 1, currency: 'KWD', amount: '1.000' }, { level: 1, currency: 'KWD', amount: '2.000' }],
      ]) {
        const response = await hub.request(SETTINGS, { token: org.tokens.admin, variables: { input: { managerDepth: 1, managerApprovalLimits: bad } } });
        expect([bad, errorCodes(response)]).toEqual([bad, ['BAD_USER_INPUT']]);
      }
      expect(errorCodes(await hub.request(SETTINGS, { token: org.tokens.lead, variables: { input: { managerApprovalLimits: [] } } }))).toEqual(['FORBIDDEN']);
      expect((await must(hub.request(`{ expenseSettings { managerDepth managerApprovalLimits { level limit { amountMinor currency } } } }`, { token: org.tokens.admin }), 'settings')).expenseSettings).toEqual(before);
    } finally {
      await must(hub.request(SETTINGS, { token: org.tokens.admin, variables: { input: { managerDepth: 2, managerApprovalLimits: [] } } }), 'reset');
    }
  });
});
