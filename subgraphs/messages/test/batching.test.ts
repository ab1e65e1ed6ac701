import { randomUUID } from 'node:crypto';
import { createDepartments, seedCorp, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role, scopeToCorp } from '@corphub/module-kit';
import type { GraphQLResponse } from '@corphub/module-kit/testing';
import { Department, Employee, Membership } from '@corphub/directory';
import { DELIVERY_BATCH, Delivery, Message, MessageFormat } from '@corphub/messages';
import { letTimersRun } from '@corphub/module-kit/testing';
import { SEND, sendInput, startMessagesHub } from './helpers';

const BIG = 1100;
const INBOX = 60;

const INBOX_QUERY = /* GraphQL */ `query($first: Int!) {
  inbox(first: $first) {
    unreadCount totalCount
    nodes { read pinned via readAt recipient { unionId } message { id title bodyHtml priority recipientCount readCount app { appId name } sentBy { unionId displayName } } }
  }
}`;

describe('messages: SQL statements do not grow with recipients or page size', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let reader: string;

  beforeAll(async () => {
    hub = await startMessagesHub('messages_batching');
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    await createDepartments(hub, a, [['big', 'Big', null], ['small', 'Small', null]]);
    // written straight through the ORM (the graph would take minutes)
    const directory = scopeToCorp(hub.subgraphs.directory.orm.em.fork(), 'corp-a');
    const members: string[] = [];
    await directory.transactional(async (tx) => {
      const big = await tx.findOneOrFail(Department, { id: 'big' });
      const small = await tx.findOneOrFail(Department, { id: 'small' });
      for (let i = 0; i < BIG; i++) {
        const employee = new Employee(`un_msg${String(i).padStart(5, '0')}`, `Member ${String(i).padStart(5, '0')}`, '2025-01-01');
        employee.refreshSearchText();
        tx.persist(employee);
        tx.persist(new Membership(tx.getReference(Employee, employee.key, { wrapped: true }), tx.getReference(Department, (i < 3 ? small : big).key, { wrapped: true }), true));
        members.push(employee.unionId);
      }
    });
    // INBOX messages for the first member, from the admin and an app, some URGENT
    const messages = scopeToCorp(hub.subgraphs.messages.orm.em.fork(), 'corp-a');
    await messages.transactional(async (tx) => {
      for (let i = 0; i < INBOX; i++) {
        const message = new Message(i % 2 ? 'app:acme' : 'admin', `Message ${i}`, `**Body** ${i}`);
        Object.assign(message, { format: MessageFormat.MARKDOWN, appId: i % 2 ? 'acme' : null, senderUnionId: i % 2 ? null : a.people[0].unionId, recipientCount: 1, createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)) });
        tx.persist(message);
        const delivery = new Delivery(tx.getReference(Message, message.id, { wrapped: true }), members[0], 'unionId');
        Object.assign(delivery, { id: randomUUID(), appId: message.appId, pin: i % 7 === 0 ? 1 : 0, createdAt: message.createdAt });
        tx.persist(delivery);
      }
      await tx.flush();
    });
    reader = await hub.token({ corp: 'corp-a', role: Role.EMPLOYEE, union: members[0] });
    await letTimersRun();
    await hub.request('{ inbox(first: 1) { unreadCount } }', { token: reader }).catch(() => undefined);
  }, 240_000);
  afterAll(() => hub?.stop());

  const statements = async (query: string, token: string, variables: Record<string, unknown>) => {
    let response: GraphQLResponse | undefined;
    const counts = await hub.queries.during(async () => {
      response = await hub.request(query, { token, variables });
    });
    expect(response!.errors).toBeUndefined();
    return { counts, data: response!.data! };
  };

  it(`writes a send to ${BIG - 3} people in multi-row inserts of ${DELIVERY_BATCH}, not a statement per person`, async () => {
    const small = await statements(SEND, a.adminToken, { input: sendInput({ departments: [{ id: 'small' }] }) });
    const big = await statements(SEND, a.adminToken, { input: sendInput({ departments: [{ id: 'big' }] }) });
    expect(small.data.sendMessage.recipientCount).toBe(3);
    expect(big.data.sendMessage.recipientCount).toBe(BIG - 3);
    // one insert for the message and one per batch of deliveries
    expect(big.counts.messages - small.counts.messages).toBe(Math.ceil((BIG - 3) / DELIVERY_BATCH) - 1);
    expect(big.counts.messages).toBeLessThanOrEqual(4);
    const em = hub.subgraphs.messages.orm.em.fork();
    expect(await em.count(Delivery, { message: big.data.sendMessage.id }, { filters: false })).toBe(BIG - 3);
  });

  // the first two (pinned) are one from the admins and one from an app (whose name identity answers)
  it('reads the inbox with the same statements for 2 and 50 messages', async () => {
    // the reader's access, cached for CORPHUB_ACCESS_CACHE_SECONDS, is read anew if the send above outlasted it
    await hub.request(INBOX_QUERY, { token: reader, variables: { first: 1 } });
    const one = await statements(INBOX_QUERY, reader, { first: 2 });
    const many = await statements(INBOX_QUERY, reader, { first: 50 });
    expect(many.data.inbox.nodes).toHaveLength(50);
    // the seeded ones and the send to "small" above
    expect(many.data.inbox.unreadCount).toBe(INBOX + 1);
    expect(many.data.inbox.nodes[0]).toMatchObject({ pinned: true, message: { bodyHtml: expect.stringContaining('<strong>Body</strong>') } });
    expect(many.counts).toEqual(one.counts);
    expect(many.counts.messages).toBeLessThanOrEqual(5);
  });

  it('lists sent messages with read counts with the same statements for 1 and 50', async () => {
    const query = `query($first: Int!) { sentMessages(first: $first) { totalCount nodes { id readCount recipientCount sentBy { unionId } } } }`;
    const one = await statements(query, a.adminToken, { first: 1 });
    const many = await statements(query, a.adminToken, { first: 50 });
    expect(many.data.sentMessages.nodes).toHaveLength(50);
    expect(many.counts).toEqual(one.counts);
  });
});
