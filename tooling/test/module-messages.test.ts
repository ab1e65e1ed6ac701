import { OutboxMessage, Role, scopeToCorp } from '@corphub/module-kit';
import { errorCodes, setEnvironment, waitFor, type GraphQLResponse } from '@corphub/module-kit/testing';
import { messagesSubgraph } from '@corphub/messages';
import { SUBGRAPHS } from '../src/subgraphs';
import { createDepartments, hire, seedCorp, startTestHub, type TestHub } from '../src/testing';

// a cross-package test: the reference modules (expenses, logs) message people through the messages subgraph

async function must<T = Record<string, any>>(response: Promise<GraphQLResponse<T>>, what: string): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(`${what}: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

const PEOPLE = { ceo: 'Carol CEO', head: 'Hank Head', lead: 'Lena Lead', claimant: 'Cody Claimant', peer: 'Pete Peer', fin1: 'Fiona Finance', fin2: 'Frank Finance' };
type Person = keyof typeof PEOPLE;

/** A corp with a manager chain in sales (CEO → head → lead → claimant, peer) and two finance people, built through the graph. */
interface Org {
  ids: Record<Person, string>;
  tokens: Record<Person, string>;
}

async function seedOrg(hub: TestHub, corpId: string): Promise<Org> {
  const corp = await seedCorp(hub, corpId);
  await createDepartments(hub, corp, [
    ['sales', 'Sales', null],
    ['finance', 'Finance', null],
  ]);
  await must(hub.request(`mutation { createTag(input: { name: "finance" }) { name } }`, { token: corp.adminToken }), 'tag');
  const sales = (managerUnionId?: string) => ({ departmentIds: ['sales'], managerUnionId });
  const ceo = await hire(hub, corp, PEOPLE.ceo, sales());
  const head = await hire(hub, corp, PEOPLE.head, sales(ceo));
  const lead = await hire(hub, corp, PEOPLE.lead, sales(head));
  const ids: Record<Person, string> = {
    ceo,
    head,
    lead,
    claimant: await hire(hub, corp, PEOPLE.claimant, sales(lead)),
    peer: await hire(hub, corp, PEOPLE.peer, sales(lead)),
    fin1: await hire(hub, corp, PEOPLE.fin1, { departmentIds: ['finance'], managerUnionId: ceo, tags: ['finance'] }),
    fin2: await hire(hub, corp, PEOPLE.fin2, { departmentIds: ['finance'], managerUnionId: ceo, tags: ['finance'] }),
  };
  const tokens = {} as Record<Person, string>;
  for (const person of Object.keys(PEOPLE) as Person[]) tokens[person] = await hub.token({ corp: corpId, role: Role.EMPLOYEE, union: ids[person] });
  return { ids, tokens };
}

const CREATE_CLAIM = /* GraphQL */ `mutation($input: ClaimInput!) { createExpenseClaim(input: $input) { id version } }`;
const SUBMIT = /* GraphQL */ `mutation($id: ID!, $v: Int!) { submitClaim(claimId: $id, version: $v) { version } }`;
const APPROVE = /* GraphQL */ `mutation($id: ID!, $v: Int!) { approveClaim(claimId: $id, version: $v) { version } }`;
const REJECT = /* GraphQL */ `mutation($id: ID!, $v: Int!, $c: String!) { rejectClaim(claimId: $id, version: $v, comment: $c) { status } }`;
const PAID = /* GraphQL */ `mutation($id: ID!, $v: Int!, $ref: String!) { markClaimPaid(claimId: $id, version: $v, paymentReference: $ref) { status version } }`;
const claim = (title: string) => ({ title, items: [{ category: 'travel', amount: '128.50', currency: 'CNY', incurredOn: '2026-11-02', merchant: 'China Eastern' }] });

/** The newest messages in a person's inbox: [appId, title, body, link]. */
async function feed(hub: TestHub, token: string) {
  const data = await must(hub.request(`{ inbox(first: 20) { nodes { message { appId title body link } } } }`, { token }), 'inbox');
  return data.inbox.nodes.map((node: { message: { appId: string; title: string; body: string; link: string } }) => node.message);
}

async function unreadCount(hub: TestHub, token: string): Promise<number> {
  return (await must(hub.request(`{ inbox(first: 1) { unreadCount } }`, { token }), 'unreadCount')).inbox.unreadCount as number;
}

describe('module messages: the reference modules message people through MessagesClient', () => {
  let hub: TestHub;
  let org: Org;
  let other: Org;

  beforeAll(async () => {
    // settled outbox rows are pruned within the test (read when the modules' servers start)
    const restoreEnvironment = setEnvironment({ CORPHUB_RETENTION_PRUNE_INTERVAL_MS: '200' });
    // live messages in this process: no Redis channel shared with other runs
    const subgraphs = SUBGRAPHS.map((definition) => (definition.name === 'messages' ? messagesSubgraph({}) : definition));
    hub = await startTestHub({ label: 'module_messages', subgraphs });
    restoreEnvironment();
    org = await seedOrg(hub, 'corp-m');
    other = await seedOrg(hub, 'corp-n');
    // seedCorp installs, in each corp, the module apps (expenses, logs, …) the hub runs: no registration here
  }, 180_000);
  afterAll(() => hub?.stop());

  // expenses' approvals run through the approvals service, which messages in the expenses app's name and links to the claim
  it('tells the current approver of a submitted claim, then the claimant of each decision and the next approver', async () => {
    const created = await must(hub.request(CREATE_CLAIM, { token: org.tokens.claimant, variables: { input: claim('Trip to Hangzhou') } }), 'create');
    const id = created.createExpenseClaim.id as string;
    const submitted = await must(hub.request(SUBMIT, { token: org.tokens.claimant, variables: { id, v: created.createExpenseClaim.version } }), 'submit');
    expect(await feed(hub, org.tokens.lead)).toEqual([
      { appId: 'expenses', title: 'Awaiting your approval', body: '“Trip to Hangzhou” is waiting for your decision.\n\nExpense claim: 128.50 CNY', link: `/expenses/claims/${id}` },
    ]);
    expect(await feed(hub, org.tokens.head)).toEqual([]);

    const approved = await must(hub.request(APPROVE, { token: org.tokens.lead, variables: { id, v: submitted.submitClaim.version } }), 'approve');
    expect((await feed(hub, org.tokens.claimant))[0]).toMatchObject({ appId: 'expenses', title: 'Moved on: Trip to Hangzhou', link: `/expenses/claims/${id}` });
    expect((await feed(hub, org.tokens.head))[0]).toMatchObject({ title: 'Awaiting your approval', link: `/expenses/claims/${id}` });

    await must(hub.request(REJECT, { token: org.tokens.head, variables: { id, v: approved.approveClaim.version, c: 'No invoice attached' } }), 'reject');
    expect((await feed(hub, org.tokens.claimant))[0]).toEqual({ appId: 'expenses', title: 'Rejected: Trip to Hangzhou', body: '“Trip to Hangzhou” was rejected: No invoice attached', link: `/expenses/claims/${id}` });
    expect(await unreadCount(hub, org.tokens.claimant)).toBe(2);
  });

  it('tells the claimant when finance pays the claim (after the approval messages), once', async () => {
    const created = await must(hub.request(CREATE_CLAIM, { token: org.tokens.claimant, variables: { input: claim('Trip to Suzhou') } }), 'create');
    const id = created.createExpenseClaim.id as string;
    let version = (await must(hub.request(SUBMIT, { token: org.tokens.claimant, variables: { id, v: created.createExpenseClaim.version } }), 'submit')).submitClaim.version as number;
    for (const approver of ['lead', 'head', 'fin1'] as const) {
      version = (await must(hub.request(APPROVE, { token: org.tokens[approver], variables: { id, v: version } }), `approve ${approver}`)).approveClaim.version;
    }
    expect((await feed(hub, org.tokens.claimant))[0]).toMatchObject({ title: 'Approved: Trip to Suzhou', link: `/expenses/claims/${id}` });
    // only finance pays: a refusal sends nothing
    expect(errorCodes(await hub.request(PAID, { token: org.tokens.lead, variables: { id, v: version, ref: 'PAY-7' } }))).toEqual(['FORBIDDEN']);
    expect((await feed(hub, org.tokens.claimant))[0].title).toBe('Approved: Trip to Suzhou');
    const paid = await must(hub.request(PAID, { token: org.tokens.fin2, variables: { id, v: version, ref: 'PAY-7' } }), 'paid');
    expect(paid.markClaimPaid).toEqual({ status: 'PAID', version: version + 1 });
    const messages = await feed(hub, org.tokens.claimant);
    expect(messages[0]).toEqual({ appId: 'expenses', title: 'Your claim was paid', body: '“Trip to Suzhou” was paid (payment reference PAY-7).', link: `/expenses/claims/${id}` });
    expect(messages.filter((message: { title: string }) => message.title === 'Your claim was paid')).toHaveLength(1);
    // a second payment is CONFLICT and tells no one again
    expect(errorCodes(await hub.request(PAID, { token: org.tokens.fin2, variables: { id, v: version + 1, ref: 'PAY-8' } }))).toEqual(['CONFLICT']);
    expect((await feed(hub, org.tokens.claimant)).filter((message: { title: string }) => message.title === 'Your claim was paid')).toHaveLength(1);
    // nobody of another corp hears of it
    expect((await feed(hub, other.tokens.claimant)).map((message: { title: string }) => message.title)).not.toContain('Your claim was paid');
  });

  it('tells a new work log’s intended readers, not its author', async () => {
    const created = await must(
      hub.request(`mutation($input: CreateWorkLogInput!) { createWorkLog(input: $input) { id } }`, { token: org.tokens.claimant, variables: { input: { kind: 'NOTE', text: 'Shipped the quote', visibility: 'DEPARTMENT' } } }),
      'createWorkLog',
    );
    const id = created.createWorkLog.id as string;
    // sales and its managers: ceo, head, lead, peer
    for (const reader of ['ceo', 'head', 'lead', 'peer'] as const) {
      expect((await feed(hub, org.tokens[reader]))[0]).toEqual({ appId: 'logs', title: 'Cody Claimant posted a note', body: 'Shipped the quote', link: `/logs/${id}` });
    }
    expect((await feed(hub, org.tokens.claimant)).map((message: { appId: string }) => message.appId)).not.toContain('logs');
    expect((await feed(hub, org.tokens.fin1)).map((message: { appId: string }) => message.appId)).not.toContain('logs');
  });

  it('never fails the module’s mutation when the message cannot be sent (the messages subgraph is down), and sends it once it is back', async () => {
    const created = await must(hub.request(CREATE_CLAIM, { token: other.tokens.claimant, variables: { input: claim('Taxi') } }), 'create');
    const submitted = await must(hub.request(SUBMIT, { token: other.tokens.claimant, variables: { id: created.createExpenseClaim.id, v: created.createExpenseClaim.version } }), 'submit');
    expect((await feed(hub, other.tokens.lead)).map((message: { title: string }) => message.title)).toEqual(['Awaiting your approval']);
    await hub.subgraphs.messages.stop();
    try {
      const rejected = await hub.request(REJECT, { token: other.tokens.lead, variables: { id: created.createExpenseClaim.id, v: submitted.submitClaim.version, c: 'No receipt' } });
      expect(rejected.errors).toBeUndefined();
      expect(rejected.data!.rejectClaim.status).toBe('REJECTED');
    } finally {
      await hub.subgraphs.messages.start();
    }
    // the outbox kept it and retries with backoff: it arrives once, after the subgraph is back
    await waitFor('the retried message', async () => (await feed(hub, other.tokens.claimant)).length > 0, 30_000);
    expect(await feed(hub, other.tokens.claimant)).toEqual([
      { appId: 'expenses', title: 'Rejected: Taxi', body: '“Taxi” was rejected: No receipt', link: `/expenses/claims/${created.createExpenseClaim.id}` },
    ]);
    expect((await feed(hub, other.tokens.lead)).map((message: { title: string }) => message.title)).toEqual(['Awaiting your approval']);
    // the approvals service's outbox queued both (in the expenses app's name)
    const rows = await hub.subgraphs.approvals.orm.em.fork().find(OutboxMessage, { corpId: 'corp-n' }, { filters: false, orderBy: { createdAt: 'asc' } });
    expect(rows.map((row) => [row.message.title, row.sentAt ? 'sent' : 'pending', row.attempts > 0])).toEqual([
      ['Awaiting your approval', 'sent', false],
      ['Rejected: Taxi', 'sent', true],
    ]);
  });

  it('prunes sent and given-up messages of the outbox after the retention period, never pending ones', async () => {
    const em = scopeToCorp(hub.subgraphs.logs.orm.em.fork(), 'corp-m');
    const old = new Date(Date.now() - 31 * 86_400_000);
    const row = (title: string, settled: Partial<OutboxMessage>) => {
      const message = new OutboxMessage({ to: { unionIds: [org.ids.peer] }, title, body: 'x' });
      Object.assign(message, { createdAt: old, ...settled });
      return message;
    };
    const pendingLater = row('pending', { nextAttemptAt: new Date(Date.now() + 3_600_000), attempts: 3 });
    const recent = row('sent yesterday', { sentAt: new Date(Date.now() - 86_400_000) });
    em.persist([row('sent long ago', { sentAt: old }), row('given up long ago', { failedAt: old, attempts: 100 }), pendingLater, recent]);
    await em.flush();
    const titles = async () => (await hub.subgraphs.logs.orm.em.fork().find(OutboxMessage, {}, { filters: false })).map((row) => row.message.title);
    await waitFor('the old settled rows to go', async () => !(await titles()).includes('sent long ago') && !(await titles()).includes('given up long ago'), 15_000);
    expect(await titles()).toEqual(expect.arrayContaining(['pending', 'sent yesterday']));
  });
});
