import type { TestHub } from '@corphub/tooling/testing';
import { OutboxMessage, scopeToCorp } from '@corphub/module-kit';
import { setEnvironment, waitFor } from '@corphub/module-kit/testing';
import { APPROVE, CREATE, item, must, REJECT, seedOrg, SUBMIT, type Org } from '../../expenses/test/helpers';
import { inbox, startMessagesHub } from './helpers';

/** The newest messages in a person's inbox: [appId, title, body, link]. */
async function feed(hub: TestHub, token: string) {
  const data = await must(hub.request(`{ inbox(first: 20) { nodes { message { appId title body link } } } }`, { token }), 'inbox');
  return data.inbox.nodes.map((node: { message: { appId: string; title: string; body: string; link: string } }) => node.message);
}

describe('messages: the reference modules message people through MessagesClient', () => {
  let hub: TestHub;
  let org: Org;
  let other: Org;

  beforeAll(async () => {
    // settled outbox rows are pruned within the test (read when the modules' servers start)
    const restoreEnvironment = setEnvironment({ CORPHUB_RETENTION_PRUNE_INTERVAL_MS: '200' });
    hub = await startMessagesHub('messages_modules');
    restoreEnvironment();
    org = await seedOrg(hub, 'corp-m');
    other = await seedOrg(hub, 'corp-n');
    // seedCorp installs, in each corp, the module apps (expenses, logs, …) the hub runs: no registration here
  }, 180_000);
  afterAll(() => hub?.stop());

  it('tells the current approver of a submitted claim, then the claimant of each decision and the next approver', async () => {
    const created = await must(hub.request(CREATE, { token: org.tokens.claimant, variables: { input: { title: 'Trip to Hangzhou', items: [item()] } } }), 'create');
    const id = created.createExpenseClaim.id as string;
    const submitted = await must(hub.request(SUBMIT, { token: org.tokens.claimant, variables: { id, v: created.createExpenseClaim.version } }), 'submit');
    expect(await feed(hub, org.tokens.lead)).toEqual([{ appId: 'expenses', title: 'A claim awaits your approval', body: '“Trip to Hangzhou” is waiting for your decision.', link: `/expenses/claims/${id}` }]);
    expect(await feed(hub, org.tokens.head)).toEqual([]);

    const approved = await must(hub.request(APPROVE, { token: org.tokens.lead, variables: { id, v: submitted.submitClaim.version } }), 'approve');
    expect((await feed(hub, org.tokens.claimant))[0]).toMatchObject({ appId: 'expenses', title: 'Your claim moved on' });
    expect((await feed(hub, org.tokens.head))[0]).toMatchObject({ title: 'A claim awaits your approval', link: `/expenses/claims/${id}` });

    await must(hub.request(REJECT, { token: org.tokens.head, variables: { id, v: approved.approveClaim.version, c: 'No invoice attached' } }), 'reject');
    expect((await feed(hub, org.tokens.claimant))[0]).toEqual({ appId: 'expenses', title: 'Your claim was rejected', body: '“Trip to Hangzhou” was rejected: No invoice attached', link: `/expenses/claims/${id}` });
    expect((await inbox(hub, org.tokens.claimant)).unreadCount).toBe(2);
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
    const created = await must(hub.request(CREATE, { token: other.tokens.claimant, variables: { input: { title: 'Taxi', items: [item()] } } }), 'create');
    const submitted = await must(hub.request(SUBMIT, { token: other.tokens.claimant, variables: { id: created.createExpenseClaim.id, v: created.createExpenseClaim.version } }), 'submit');
    expect((await feed(hub, other.tokens.lead)).map((message: { title: string }) => message.title)).toEqual(['A claim awaits your approval']);
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
      { appId: 'expenses', title: 'Your claim was rejected', body: '“Taxi” was rejected: No receipt', link: `/expenses/claims/${created.createExpenseClaim.id}` },
    ]);
    expect((await feed(hub, other.tokens.lead)).map((message: { title: string }) => message.title)).toEqual(['A claim awaits your approval']);
    const rows = await hub.subgraphs.expenses.orm.em.fork().find(OutboxMessage, { corpId: 'corp-n' }, { filters: false, orderBy: { createdAt: 'asc' } });
    expect(rows.map((row) => [row.message.title, row.sentAt ? 'sent' : 'pending', row.attempts > 0])).toEqual([
      ['A claim awaits your approval', 'sent', false],
      ['Your claim was rejected', 'sent', true],
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
