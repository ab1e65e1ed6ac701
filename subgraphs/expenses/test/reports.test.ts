import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { errorCodes } from '@corphub/module-kit/testing';
import { APPROVE, CREATE, item, must, seedOrg, SUBMIT, type Org } from './helpers';

const REPORT = /* GraphQL */ `query($d: ID!, $from: String!, $to: String!) {
  expenseReport(departmentId: $d, fromMonth: $from, toMonth: $to) { departmentId rows { month category amount { amountMinor currency amount } itemCount } totals { amount currency } csv }
}`;

describe('expenses: department reports and the employee connection', () => {
  let hub: TestHub;
  let org: Org;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'expenses_reports' });
    org = await seedOrg(hub, 'corp-a');
    await must(hub.request(`mutation { updateExpenseSettings(input: { managerDepth: 0 }) { managerDepth } }`, { token: org.tokens.admin }), 'settings');
    const claim = async (token: string, items: unknown[], approve: boolean) => {
      const created = (await must(hub.request(CREATE, { token, variables: { input: { title: 'Trip, "north"', items } } }), 'create')).createExpenseClaim;
      if (!approve) return;
      await must(hub.request(SUBMIT, { token, variables: { id: created.id, v: 1 } }), 'submit');
      await must(hub.request(APPROVE, { token: org.tokens.fin1, variables: { id: created.id, v: 2 } }), 'approve');
    };
    await claim(org.tokens.claimant, [item({ incurredOn: '2026-10-03' }), item({ category: 'meals', amount: '20.25', incurredOn: '2026-10-30' }), item({ amount: '1.50', incurredOn: '2026-11-01' })], true);
    await claim(org.tokens.peer, [item({ amount: '1000', currency: 'JPY', incurredOn: '2026-10-12' }), item({ amount: '11.50', incurredOn: '2026-10-12' })], true);
    // a draft never counts, nor does another department (finance)
    await claim(org.tokens.peer, [item({ amount: '999.00', incurredOn: '2026-10-12' })], false);
    await claim(org.tokens.fin2, [item({ amount: '5.00', incurredOn: '2026-10-12' })], false);
    // a whole org and four claims through the graph: slow on a busy machine
  }, 120_000);
  afterAll(() => hub?.stop());

  it('sums a department’s approved items per month, category and currency, with CSV for finance', async () => {
    const report = (await must(hub.request(REPORT, { token: org.tokens.fin1, variables: { d: 'sales', from: '2026-10', to: '2026-11' } }), 'report')).expenseReport;
    expect(report.rows).toEqual([
      { month: '2026-10', category: 'meals', amount: { amountMinor: 2025, currency: 'CNY', amount: '20.25' }, itemCount: 1 },
      { month: '2026-10', category: 'travel', amount: { amountMinor: 14000, currency: 'CNY', amount: '140.00' }, itemCount: 2 },
      { month: '2026-10', category: 'travel', amount: { amountMinor: 1000, currency: 'JPY', amount: '1000' }, itemCount: 1 },
      { month: '2026-11', category: 'travel', amount: { amountMinor: 150, currency: 'CNY', amount: '1.50' }, itemCount: 1 },
    ]);
    expect(report.totals).toEqual([
      { amount: '161.75', currency: 'CNY' },
      { amount: '1000', currency: 'JPY' },
    ]);
    expect(report.csv).toBe(
      [
        'department,month,category,currency,amount,amount_minor,items',
        'sales,2026-10,meals,CNY,20.25,2025,1',
        'sales,2026-10,travel,CNY,140.00,14000,2',
        'sales,2026-10,travel,JPY,1000,1000,1',
        'sales,2026-11,travel,CNY,1.50,150,1',
        '',
      ].join('\r\n'),
    );
    const october = (await must(hub.request(REPORT, { token: org.tokens.admin, variables: { d: 'sales', from: '2026-10', to: '2026-10' } }), 'report')).expenseReport;
    expect(october.rows).toHaveLength(3);
  });

  it('downloads the report as CSV at the gateway for finance and admins; refuses others', async () => {
    const report = (await must(hub.request(REPORT, { token: org.tokens.fin1, variables: { d: 'sales', from: '2026-10', to: '2026-11' } }), 'report')).expenseReport;
    const url = (path: string) => new URL(path, new URL(hub.url).origin);
    const download = (path: string, token?: string) => fetch(url(path), { headers: token ? { authorization: `Bearer ${token}` } : {} });
    for (const token of [org.tokens.fin1, org.tokens.admin]) {
      const response = await download('/expenses/reports/sales.csv?from=2026-10&to=2026-11', token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename=expenses-sales-2026-10-2026-11.csv');
      expect(await response.text()).toBe(report.csv);
    }
    // one month, other statuses: the draft of 999.00 is no claim in the flow, so SUBMITTED is empty here
    const submitted = await download('/expenses/reports/sales.csv?from=2026-10&statuses=SUBMITTED', org.tokens.fin1);
    expect(await submitted.text()).toBe('department,month,category,currency,amount,amount_minor,items\r\n');
    const refused = await download('/expenses/reports/sales.csv?from=2026-10&to=2026-11', org.tokens.lead);
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await download('/expenses/reports/sales.csv?from=2026-10&to=2026-11')).status).toBe(401);
    for (const query of ['', '?from=2026-13', '?from=2026-11&to=2026-10', '?from=2026-10&statuses=PAYED', '?from=2026-10&from=2026-11']) {
      const bad = await download(`/expenses/reports/sales.csv${query}`, org.tokens.fin1);
      expect([query, bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([query, 400, 'BAD_USER_INPUT']);
    }
    expect((await download('/expenses/reports/nope.csv?from=2026-10', org.tokens.fin1)).status).toBe(404);
  });

  it('lets only finance and corp-wide readers read reports; checks the months', async () => {
    expect(errorCodes(await hub.request(REPORT, { token: org.tokens.lead, variables: { d: 'sales', from: '2026-10', to: '2026-11' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.request(REPORT, { token: org.tokens.fin1, variables: { d: 'sales', from: '2026-13', to: '2026-11' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(REPORT, { token: org.tokens.fin1, variables: { d: 'sales', from: '2026-11', to: '2026-10' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(REPORT, { token: org.tokens.fin1, variables: { d: 'nope', from: '2026-10', to: '2026-11' } }))).toEqual(['NOT_FOUND']);
  });

  it('pages an employee’s claims newest first, with totals over all pages; others see null', async () => {
    const query = /* GraphQL */ `query($u: ID!, $after: String) { employee(unionId: $u) { expenseClaims(first: 1, after: $after) { totalCount totals { amount currency } pageInfo { hasNextPage endCursor } nodes { status } } } }`;
    const page1 = (await must(hub.request(query, { token: org.tokens.peer, variables: { u: org.ids.peer } }), 'page 1')).employee.expenseClaims;
    expect(page1).toMatchObject({ totalCount: 2, totals: [{ amount: '1010.50', currency: 'CNY' }, { amount: '1000', currency: 'JPY' }], pageInfo: { hasNextPage: true }, nodes: [{ status: 'DRAFT' }] });
    const page2 = (await must(hub.request(query, { token: org.tokens.peer, variables: { u: org.ids.peer, after: page1.pageInfo.endCursor } }), 'page 2')).employee.expenseClaims;
    expect(page2).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false }, nodes: [{ status: 'APPROVED' }] });
    const other = await must(hub.request(query, { token: org.tokens.claimant, variables: { u: org.ids.peer } }), 'other');
    expect(other.employee.expenseClaims).toBeNull();
    expect(errorCodes(await hub.request(query, { token: org.tokens.peer, variables: { u: org.ids.peer, after: 'garbage' } }))).toEqual(['BAD_USER_INPUT']);
  });
});
