import { startTestHub, type TestHub, upload } from '@corphub/tooling/testing';
import { scopeToCorp } from '@corphub/module-kit';
import { errorCodes, pdf, wav } from '@corphub/module-kit/testing';
import { ClaimEvent, ExpenseClaim, LineItem } from '@corphub/expenses';
import { APPROVE, CREATE, GET, item, must, PAID, REJECT, SEND_BACK, seedOrg, SUBMIT, UPDATE, WITHDRAW, type Org } from './helpers';

describe('expenses: bad input writes nothing; corps never see each other', () => {
  let hub: TestHub;
  let a: Org;
  let b: Org;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'expenses_input' });
    a = await seedOrg(hub, 'corp-a');
    b = await seedOrg(hub, 'corp-b');
  });
  afterAll(() => hub?.stop());

  const rows = async (corpId: string) => {
    const em = scopeToCorp(hub.subgraphs.expenses.orm.em.fork(), corpId);
    return { claims: await em.count(ExpenseClaim, {}), items: await em.count(LineItem, {}), events: await em.count(ClaimEvent, {}) };
  };
  const create = (token: string, items: unknown[]) => hub.request(CREATE, { token, variables: { input: { title: 'Trip', items } } });

  it.each([
    ['a negative amount', item({ amount: '-1.00' })],
    ['a negative amountMinor', item({ amount: undefined, amountMinor: -100 })],
    ['an unknown currency', item({ currency: 'XYZ' })],
    ['a lowercase currency', item({ currency: 'cny' })],
    ['too many minor digits for CNY', item({ amount: '1.234' })],
    ['minor digits for JPY', item({ amount: '100.5', currency: 'JPY' })],
    ['too many minor digits for KWD', item({ amount: '1.2345', currency: 'KWD' })],
    ['both amount and amountMinor', item({ amountMinor: 100 })],
    ['neither amount nor amountMinor', item({ amount: undefined })],
    ['an unknown category', item({ category: 'yachts' })],
  ])('refuses %s on create and on update, writing nothing', async (_, bad) => {
    const before = await rows('corp-a');
    expect(errorCodes(await create(a.tokens.claimant, [item(), bad]))).toEqual(['BAD_USER_INPUT']);
    expect(await rows('corp-a')).toEqual(before);
    const claim = (await must(create(a.tokens.claimant, [item()]), 'create')).createExpenseClaim;
    const written = await rows('corp-a');
    expect(errorCodes(await hub.request(UPDATE, { token: a.tokens.claimant, variables: { id: claim.id, v: 1, input: { title: 'Trip', items: [bad] } } }))).toEqual(['BAD_USER_INPUT']);
    expect(await rows('corp-a')).toEqual(written);
    expect((await must(hub.request(GET, { token: a.tokens.claimant, variables: { id: claim.id } }), 'get')).expenseClaim).toMatchObject({ version: 1, total: { amount: '128.50' } });
  });

  it('accepts KWD and JPY amounts with their own digits', async () => {
    const claim = (await must(create(a.tokens.claimant, [item({ amount: '1.125', currency: 'KWD' }), item({ amount: '1280', currency: 'JPY' }), item({ amount: '0.875', currency: 'KWD' })]), 'create')).createExpenseClaim;
    expect(claim.total).toBeNull();
    expect(claim.totals).toEqual([
      { amountMinor: 1280, currency: 'JPY', amount: '1280' },
      { amountMinor: 2000, currency: 'KWD', amount: '2.000' },
    ]);
  });

  it('refuses to submit an empty claim, writing nothing', async () => {
    const claim = (await must(create(a.tokens.claimant, []), 'create')).createExpenseClaim;
    const before = await rows('corp-a');
    expect(errorCodes(await hub.request(SUBMIT, { token: a.tokens.claimant, variables: { id: claim.id, v: 1 } }))).toEqual(['BAD_USER_INPUT']);
    expect(await rows('corp-a')).toEqual(before);
    expect((await must(hub.request(GET, { token: a.tokens.claimant, variables: { id: claim.id } }), 'get')).expenseClaim).toMatchObject({ status: 'DRAFT', version: 1 });
  });

  it('refuses bad decisions and payment references, writing nothing', async () => {
    const claim = (await must(create(a.tokens.claimant, [item()]), 'create')).createExpenseClaim;
    await must(hub.request(SUBMIT, { token: a.tokens.claimant, variables: { id: claim.id, v: 1 } }), 'submit');
    const before = await rows('corp-a');
    expect(errorCodes(await hub.request(REJECT, { token: a.tokens.lead, variables: { id: claim.id, v: 2, c: '' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(SEND_BACK, { token: a.tokens.lead, variables: { id: claim.id, v: 2, c: ' ' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(PAID, { token: a.tokens.fin1, variables: { id: claim.id, v: 2, ref: '' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(APPROVE, { token: a.tokens.peer, variables: { id: claim.id, v: 2 } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(WITHDRAW, { token: a.tokens.claimant, variables: { id: claim.id, v: 1 } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await hub.request(`mutation { updateExpenseSettings(input: { managerDepth: -1 }) { managerDepth } }`, { token: a.tokens.admin }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(`mutation { updateExpenseSettings(input: { categories: ["Bad Name"] }) { managerDepth } }`, { token: a.tokens.admin }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(`mutation { updateExpenseSettings(input: { managerDepth: 1 }) { managerDepth } }`, { token: a.tokens.claimant }))).toEqual(['FORBIDDEN']);
    expect(await rows('corp-a')).toEqual(before);
    expect((await must(hub.request(GET, { token: a.tokens.claimant, variables: { id: claim.id } }), 'get')).expenseClaim).toMatchObject({ status: 'SUBMITTED', version: 2 });
  });

  it('takes an invoice scan of the corp, and refuses one of another corp or a voice note', async () => {
    const mine = await upload(hub, a.tokens.claimant, pdf(), { kind: 'DOCUMENT' });
    const theirs = await upload(hub, b.tokens.claimant, pdf('Invoice B'), { kind: 'DOCUMENT' });
    const voice = await upload(hub, a.tokens.claimant, wav(1), { kind: 'AUDIO' });
    expect([mine.status, theirs.status, voice.status]).toEqual([201, 201, 201]);
    const claim = (await must(create(a.tokens.claimant, [item({ invoiceId: mine.json.id })]), 'create')).createExpenseClaim;
    expect(claim.items[0].invoice).toEqual({ id: mine.json.id, kind: 'DOCUMENT' });
    const before = await rows('corp-a');
    expect(errorCodes(await create(a.tokens.claimant, [item({ invoiceId: theirs.json.id })]))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create(a.tokens.claimant, [item({ invoiceId: voice.json.id })]))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create(a.tokens.claimant, [item({ invoiceId: 'no-such-media' })]))).toEqual(['BAD_USER_INPUT']);
    expect(await rows('corp-a')).toEqual(before);
  });

  it("hides corp A's claims from corp B, for every query and mutation", async () => {
    const claim = (await must(create(a.tokens.claimant, [item()]), 'create')).createExpenseClaim;
    await must(hub.request(SUBMIT, { token: a.tokens.claimant, variables: { id: claim.id, v: 1 } }), 'submit');
    const beforeA = await rows('corp-a');
    const beforeB = await rows('corp-b');
    const id = claim.id;
    for (const token of [b.tokens.admin, b.tokens.lead, b.tokens.claimant, b.tokens.fin1]) {
      expect(errorCodes(await hub.request(GET, { token, variables: { id } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(APPROVE, { token, variables: { id, v: 2 } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(REJECT, { token, variables: { id, v: 2, c: 'x' } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(SEND_BACK, { token, variables: { id, v: 2, c: 'x' } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(WITHDRAW, { token, variables: { id, v: 2 } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(SUBMIT, { token, variables: { id, v: 2 } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(UPDATE, { token, variables: { id, v: 2, input: { title: 'x', items: [item()] } } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(PAID, { token, variables: { id, v: 2, ref: 'x' } }))).toEqual(['NOT_FOUND']);
      const pending = await must(hub.request(`{ pendingApprovals(first: 100) { nodes { id } } }`, { token }), 'pending');
      expect(pending.pendingApprovals.nodes.map((node: { id: string }) => node.id)).not.toContain(id);
    }
    // B's admin asking for A's claimant sees nothing either (the directory does not know them in B)
    const employee = await hub.request(`query($u: ID!) { employee(unionId: $u) { expenseClaims { totalCount } } }`, { token: b.tokens.admin, variables: { u: a.ids.claimant } });
    expect(errorCodes(employee)).toEqual(['NOT_FOUND']);
    const report = await must(hub.request(`{ expenseReport(departmentId: "sales", fromMonth: "2026-01", toMonth: "2026-12", statuses: [SUBMITTED]) { rows { category } } }`, { token: b.tokens.admin }), 'report');
    expect(report.expenseReport.rows).toEqual([]);
    // the CSV download too: B's finance gets B's own "sales" department, without A's submitted claim
    const csv = await fetch(new URL('/expenses/reports/sales.csv?from=2026-01&to=2026-12&statuses=SUBMITTED', new URL(hub.url).origin), { headers: { authorization: `Bearer ${b.tokens.fin1}` } });
    expect([csv.status, await csv.text()]).toEqual([200, 'department,month,category,currency,amount,amount_minor,items\r\n']);
    const asA = await fetch(new URL('/expenses/reports/sales.csv?from=2026-01&to=2026-12&statuses=SUBMITTED', new URL(hub.url).origin), { headers: { authorization: `Bearer ${a.tokens.fin1}` } });
    expect((await asA.text()).split('\r\n')).toHaveLength(3);
    expect(await rows('corp-a')).toEqual(beforeA);
    expect(await rows('corp-b')).toEqual(beforeB);
  });
});
