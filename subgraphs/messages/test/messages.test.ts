import type { TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';
import { Delivery, Message } from '@corphub/messages';
import { inbox, inboxIds, must, SEND, seedMessagesOrg, send, sendInput, startMessagesHub, type MessagesOrg } from './helpers';

describe('messages: sending, fan-out, read state and isolation', () => {
  let hub: TestHub;
  let org: MessagesOrg;

  beforeAll(async () => {
    hub = await startMessagesHub('messages');
    org = await seedMessagesOrg(hub);
  }, 180_000);
  afterAll(() => hub?.stop());

  /** Rows of every corp, straight from the messages database. */
  const rowCounts = async () => {
    const em = hub.subgraphs.messages.orm.em.fork();
    return { messages: await em.count(Message, {}, { filters: false }), deliveries: await em.count(Delivery, {}, { filters: false }) };
  };

  const recipientsOf = async (id: string) => {
    const data = await must(hub.request(`query($id: ID!) { messageRecipients(messageId: $id, first: 100) { nodes { via recipient { unionId } } } }`, { token: org.tokens.admin, variables: { id } }), 'recipients');
    return Object.fromEntries(data.messageRecipients.nodes.map((node: { via: string; recipient: { unionId: string } }) => [node.recipient.unionId, node.via]));
  };

  it('fans a message out to a department tree, and to a department alone', async () => {
    const { ids, tokens } = org;
    const tree = await send(hub, org.vendor.acmeA, { departments: [{ id: 'sales' }] }, { title: 'To sales and below' });
    expect(await recipientsOf(tree)).toEqual(Object.fromEntries([ids.boss, ids.carol, ids.lead, ids.alice, ids.bob, ids.nina].map((u) => [u, 'subtree:sales'])));
    const flat = await send(hub, org.vendor.acmeA, { departments: [{ id: 'north', includeSubdepartments: false }] }, { title: 'To north only' });
    expect(await recipientsOf(flat)).toEqual(Object.fromEntries([ids.lead, ids.alice, ids.bob].map((u) => [u, 'department:north'])));
    expect(await inboxIds(hub, tokens.nina)).toContain(tree);
    expect(await inboxIds(hub, tokens.nina)).not.toContain(flat);
    expect(await inboxIds(hub, tokens.dave)).toEqual(expect.not.arrayContaining([tree, flat]));
    expect(await inboxIds(hub, tokens.eve)).toEqual([]);
  });

  it('fans out to a tag and to people, each person once, records how each was reached and leaves out the excluded', async () => {
    const { ids } = org;
    const id = await send(hub, org.vendor.acmeA, {
      unionIds: [ids.carol],
      departments: [{ id: 'north', includeSubdepartments: false }],
      tags: ['on-call'],
      excludeUnionIds: [ids.bob],
    });
    expect(await recipientsOf(id)).toEqual({
      [ids.carol]: 'unionId',
      [ids.lead]: 'department:north',
      [ids.alice]: 'department:north',
      [ids.dave]: 'tag:on-call',
    });
    const dave = await inbox(hub, org.tokens.dave);
    expect(dave.nodes.find((node) => node.message.id === id)).toEqual({ read: false, pinned: false, via: 'tag:on-call', readAt: null, message: { id, title: 'Hello', appId: 'acme', priority: 'NORMAL' } });
  });

  it('never reaches another corp’s people: a named one is refused, a same-named department is the sender’s own', async () => {
    const before = await rowCounts();
    const refused = await hub.request(SEND, { token: org.vendor.acmeA, variables: { input: sendInput({ unionIds: [org.ids.alice, org.ids.eve] }) } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions!.unionIds).toEqual([org.ids.eve]);
    expect(await rowCounts()).toEqual(before);
    // corp-b has a "sales" department too: a corp-a send to "sales" never includes eve
    const inA = await send(hub, org.vendor.acmeA, { departments: [{ id: 'sales' }] });
    const inB = await send(hub, org.vendor.acmeB, { departments: [{ id: 'sales' }] }, { title: 'For corp-b' });
    expect(await inboxIds(hub, org.tokens.eve)).toEqual([inB]);
    expect(await inboxIds(hub, org.tokens.alice)).toContain(inA);
    expect(await inboxIds(hub, org.tokens.alice)).not.toContain(inB);
  });

  it('refuses an app that is not installed in the corp (and one uninstalled since), writing nothing', async () => {
    const before = await rowCounts();
    const stranger = await hub.request(SEND, { token: org.vendor.stranger, variables: { input: sendInput({ unionIds: [org.ids.alice] }) } });
    expect(errorCodes(stranger)).toEqual(['FORBIDDEN']);
    await must(hub.request(`mutation { uninstallApp(appId: "acme") { status } }`, { token: org.b.adminToken }), 'uninstall');
    try {
      const uninstalled = await hub.request(SEND, { token: org.vendor.acmeB, variables: { input: sendInput({ unionIds: [org.ids.eve] }) } });
      expect(errorCodes(uninstalled)).toEqual(['FORBIDDEN']);
    } finally {
      await must(hub.request(`mutation { installApp(appId: "acme") { status } }`, { token: org.b.adminToken }), 'reinstall');
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('lets admins and apps send, not employees or analysts', async () => {
    const asAdmin = await hub.request(SEND, { token: org.tokens.admin, variables: { input: sendInput({ unionIds: [org.ids.dave] }) } });
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data!.sendMessage).toMatchObject({ appId: null, recipientCount: 1 });
    for (const token of [org.tokens.alice, await hub.token({ corp: 'corp-a', role: Role.ANALYST })]) {
      expect(errorCodes(await hub.request(SEND, { token, variables: { input: sendInput({ unionIds: [org.ids.dave] }) } }))).toEqual(['FORBIDDEN']);
    }
  });

  it('keeps read state per recipient: unread counts, URGENT pinned until read, markRead and markAllRead', async () => {
    const { ids, tokens } = org;
    const to = { unionIds: [ids.nina, ids.carol] };
    // nina and carol start from an empty inbox state for this test
    await must(hub.request(`mutation { markAllRead { marked } }`, { token: tokens.nina }), 'clean');
    await must(hub.request(`mutation { markAllRead { marked } }`, { token: tokens.carol }), 'clean');
    const urgent = await send(hub, tokens.admin, to, { title: 'Fire drill', priority: 'URGENT' });
    const normal = await send(hub, tokens.admin, to, { title: 'Lunch' });
    const fromAcme = await send(hub, org.vendor.acmeA, to, { title: 'Acme news', priority: 'HIGH' });

    const ninaBefore = await inbox(hub, tokens.nina, { unreadOnly: true });
    expect(ninaBefore.unreadCount).toBe(3);
    // the unread URGENT message is pinned above newer ones
    expect(ninaBefore.nodes.map((node) => [node.message.id, node.pinned])).toEqual([[urgent, true], [fromAcme, false], [normal, false]]);
    expect((await inbox(hub, tokens.nina, { appId: 'acme' })).unreadCount).toBe(1);
    expect((await inbox(hub, tokens.nina, { appId: 'admin', unreadOnly: true })).nodes.map((node) => node.message.id)).toEqual([urgent, normal]);

    const marked = await must(hub.request(`mutation($ids: [ID!]!) { markRead(messageIds: $ids) { marked unreadCount } }`, { token: tokens.nina, variables: { ids: [urgent, urgent] } }), 'markRead');
    expect(marked.markRead).toEqual({ marked: 1, unreadCount: 2 });
    const again = await must(hub.request(`mutation($ids: [ID!]!) { markRead(messageIds: $ids) { marked unreadCount } }`, { token: tokens.nina, variables: { ids: [urgent] } }), 'markRead again');
    expect(again.markRead).toEqual({ marked: 0, unreadCount: 2 });
    const ninaAfter = await inbox(hub, tokens.nina);
    // read, the URGENT one falls back to its place in time
    expect(ninaAfter.nodes.slice(0, 3).map((node) => [node.message.id, node.read, node.pinned])).toEqual([[fromAcme, false, false], [normal, false, false], [urgent, true, false]]);
    expect((await inbox(hub, tokens.nina, { unreadOnly: true })).nodes.map((node) => node.message.id)).toEqual([fromAcme, normal]);

    // carol's copy is her own: still unread and pinned
    const carol = await inbox(hub, tokens.carol, { unreadOnly: true });
    expect(carol.unreadCount).toBe(3);
    expect(carol.nodes[0]).toMatchObject({ pinned: true, read: false, message: { id: urgent } });

    const acmeOnly = await must(hub.request(`mutation { markAllRead(appId: "acme") { marked unreadCount } }`, { token: tokens.nina }), 'markAllRead acme');
    expect(acmeOnly.markAllRead).toEqual({ marked: 1, unreadCount: 1 });
    const all = await must(hub.request(`mutation { markAllRead { marked unreadCount } }`, { token: tokens.nina }), 'markAllRead');
    expect(all.markAllRead).toEqual({ marked: 1, unreadCount: 0 });
    expect((await inbox(hub, tokens.carol)).unreadCount).toBe(3);

    // the directory's Employee carries the count: for the person and admins, not for colleagues
    const query = `query($u: ID!) { employee(unionId: $u) { unreadMessageCount } }`;
    expect((await must(hub.request(query, { token: tokens.admin, variables: { u: ids.carol } }), 'count')).employee.unreadMessageCount).toBe(3);
    expect((await must(hub.request(query, { token: tokens.carol, variables: { u: ids.carol } }), 'count')).employee.unreadMessageCount).toBe(3);
    expect((await must(hub.request(query, { token: tokens.nina, variables: { u: ids.carol } }), 'count')).employee.unreadMessageCount).toBeNull();
  });

  it('refuses marking a message that is not in the caller’s inbox, changing nothing', async () => {
    const { ids, tokens } = org;
    const mine = await send(hub, tokens.admin, { unionIds: [ids.bob] }, { title: 'For bob' });
    const notMine = await send(hub, tokens.admin, { unionIds: [ids.dave] }, { title: 'For dave' });
    const unread = (await inbox(hub, tokens.bob)).unreadCount;
    const refused = await hub.request(`mutation($ids: [ID!]!) { markRead(messageIds: $ids) { marked } }`, { token: tokens.bob, variables: { ids: [mine, notMine] } });
    expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    expect((await inbox(hub, tokens.bob)).unreadCount).toBe(unread);
    for (const bad of [[], ['not-a-uuid']]) {
      expect(errorCodes(await hub.request(`mutation($ids: [ID!]!) { markRead(messageIds: $ids) { marked } }`, { token: tokens.bob, variables: { ids: bad } }))).toEqual(['BAD_USER_INPUT']);
    }
    // another corp's person cannot touch it either
    expect(errorCodes(await hub.request(`mutation($ids: [ID!]!) { markRead(messageIds: $ids) { marked } }`, { token: tokens.eve, variables: { ids: [mine] } }))).toEqual(['NOT_FOUND']);
    expect((await inbox(hub, tokens.bob)).unreadCount).toBe(unread);
  });

  it('answers bad input with BAD_USER_INPUT and writes nothing', async () => {
    const before = await rowCounts();
    const cases: Record<string, unknown>[] = [
      sendInput({}),
      sendInput({ unionIds: [] }),
      sendInput({ departments: [{ id: 'nowhere' }] }),
      sendInput({ tags: ['no-such-tag'] }),
      sendInput({ unionIds: ['un_nobody'] }),
      sendInput({ unionIds: ['bad id!'] }),
      sendInput({ unionIds: [org.ids.alice] }, { title: '   ' }),
      sendInput({ unionIds: [org.ids.alice] }, { title: 'x'.repeat(201) }),
      sendInput({ unionIds: [org.ids.alice] }, { body: '' }),
      sendInput({ unionIds: [org.ids.alice] }, { link: 'javascript:alert(1)' }),
      sendInput({ unionIds: [org.ids.alice] }, { link: '//evil.example/x' }),
      sendInput({ unionIds: [org.ids.alice] }, { idempotencyKey: '' }),
      // only the author in the department, and they are excluded: nobody left
      sendInput({ departments: [{ id: 'eng' }], excludeUnionIds: [org.ids.dave] }),
    ];
    for (const input of cases) {
      const response = await hub.request(SEND, { token: org.tokens.admin, variables: { input } });
      expect({ input, codes: errorCodes(response) }).toEqual({ input, codes: ['BAD_USER_INPUT'] });
    }
    expect(errorCodes(await hub.request(`{ inbox(first: 0) { unreadCount } }`, { token: org.tokens.alice }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(`{ inbox(after: "nonsense") { unreadCount } }`, { token: org.tokens.alice }))).toEqual(['BAD_USER_INPUT']);
    expect(await rowCounts()).toEqual(before);
  });

  it('sends once for a retried idempotency key', async () => {
    const first = await send(hub, org.vendor.acmeA, { unionIds: [org.ids.lead] }, { idempotencyKey: 'retry-1' });
    const before = await rowCounts();
    const second = await send(hub, org.vendor.acmeA, { unionIds: [org.ids.lead] }, { idempotencyKey: 'retry-1' });
    expect(second).toBe(first);
    expect(await rowCounts()).toEqual(before);
    // the key is the sender's: the admins' own key space is separate
    expect(await send(hub, org.tokens.admin, { unionIds: [org.ids.lead] }, { idempotencyKey: 'retry-1' })).not.toBe(first);
  });

  it('renders bodies to safe HTML', async () => {
    const markdown = await send(hub, org.tokens.admin, { unionIds: [org.ids.alice] }, {
      format: 'MARKDOWN',
      body: '**Hi** <script>alert(1)</script> [go](javascript:alert(1)) [ok](https://example.com/x) ![img](https://example.com/i.png)',
    });
    const plain = await send(hub, org.tokens.admin, { unionIds: [org.ids.alice] }, { body: '<b>a</b>\nb & c' });
    const html = async (id: string) => (await must(hub.request(`query($id: ID!) { message(id: $id) { bodyHtml format } }`, { token: org.tokens.alice, variables: { id } }), 'bodyHtml')).message.bodyHtml as string;
    const rendered = await html(markdown);
    expect(rendered).toContain('<strong>Hi</strong>');
    expect(rendered).toContain('&lt;script&gt;');
    expect(rendered).not.toMatch(/<script|href="javascript|<img/i);
    expect(rendered).toContain('<a href="https://example.com/x" rel="noopener noreferrer nofollow">ok</a>');
    expect(await html(plain)).toBe('<p>&lt;b&gt;a&lt;/b&gt;<br>\nb &amp; c</p>');
  });

  it('keeps corps apart: messages, sent lists and recipient lists', async () => {
    const id = await send(hub, org.vendor.acmeA, { unionIds: [org.ids.alice] }, { title: 'corp-a only' });
    const get = `query($id: ID!) { message(id: $id) { id title } }`;
    expect((await must(hub.request(get, { token: org.tokens.alice, variables: { id } }), 'own')).message.title).toBe('corp-a only');
    for (const token of [org.b.adminToken, org.tokens.eve, org.vendor.acmeB, org.tokens.bob]) {
      expect(errorCodes(await hub.request(get, { token, variables: { id } }))).toEqual(['NOT_FOUND']);
    }
    const sentB = await must(hub.request(`{ sentMessages(first: 100) { nodes { id } } }`, { token: org.b.adminToken }), 'sent b');
    expect(sentB.sentMessages.nodes.map((node: { id: string }) => node.id)).not.toContain(id);
    const sentA = await must(hub.request(`{ sentMessages(first: 100, appId: "acme") { nodes { id appId } } }`, { token: org.tokens.admin }), 'sent a');
    expect(sentA.sentMessages.nodes.map((node: { id: string }) => node.id)).toContain(id);
    expect(new Set(sentA.sentMessages.nodes.map((node: { appId: string }) => node.appId))).toEqual(new Set(['acme']));
    // an employee who got it does not see who else did
    expect(errorCodes(await hub.request(`query($id: ID!) { messageRecipients(messageId: $id) { totalCount } }`, { token: org.tokens.alice, variables: { id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.request(`query($id: ID!) { messageRecipients(messageId: $id) { totalCount } }`, { token: org.b.adminToken, variables: { id } }))).toEqual(['NOT_FOUND']);
    // the sending app sees them; another app installed in corp-a, or one installed in corp-b only, does not
    const recipients = `query($id: ID!) { messageRecipients(messageId: $id) { totalCount } }`;
    const byApp = await must(hub.request(recipients, { token: org.vendor.acmeA, variables: { id } }), 'app recipients');
    expect(byApp.messageRecipients.totalCount).toBe(1);
    for (const token of [org.vendor.logsA, org.vendor.strangerB]) {
      expect(errorCodes(await hub.request(recipients, { token, variables: { id } }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(get, { token, variables: { id } }))).toEqual(['NOT_FOUND']);
    }
    // an app not installed in corp-a is refused by the gateway before any subgraph runs (HTTP 403)
    const uninvited = await hub.request(recipients, { token: org.vendor.stranger, variables: { id } });
    expect(errorCodes(uninvited)).toEqual(['FORBIDDEN']);
    expect(uninvited.status).toBe(403);
  });
});
