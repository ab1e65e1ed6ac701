import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { scopeToCorp } from '@corphub/module-kit';
import { DEMO, DEMO_PEOPLE } from '@corphub/demo';
import { ADMIN_SENDER, appSender, Delivery, Message, MessageFormat, MessagePriority } from './messages/message.entity';

interface DemoMessage {
  appId: string | null;
  title: string;
  body: string;
  format?: MessageFormat;
  link?: string;
  priority?: MessagePriority;
  /** Indexes into DEMO_PEOPLE; every demo person when omitted. */
  to?: number[];
  via: string;
  minutesAgo: number;
}

const DEMO_MESSAGES: DemoMessage[] = [
  {
    appId: null,
    title: 'Office closed on Friday',
    body: 'The office is closed this **Friday** for maintenance. Work from home; the [VPN guide](/help/vpn) has the details.',
    format: MessageFormat.MARKDOWN,
    priority: MessagePriority.URGENT,
    via: 'everyone',
    minutesAgo: 30,
  },
  { appId: 'expenses', title: 'Your claim was approved', body: 'Finance approved "Client visit, Shanghai" (¥1,280.00). It will be paid with the next payroll.', link: '/expenses/claims', to: [0], via: 'unionId', minutesAgo: 90 },
  { appId: 'logs', title: 'Li Wei posted a work log', body: 'Visited two customers, sent the quote for the spring order.', link: '/logs', to: [0, 2, 3], via: 'unionId', minutesAgo: 240 },
  { appId: 'attendance', title: 'Missing check-out yesterday', body: 'You checked in at 09:02 but did not check out. Ask your manager to fix the record.', priority: MessagePriority.HIGH, link: '/attendance', to: [0, 1], via: 'unionId', minutesAgo: 600 },
];

/** Idempotent: the demo corp's feed gets a few messages (an admin notice, module messages) once. */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  await em.transactional(async (tx) => {
    if (await tx.count(Message, { idempotencyKey: { $like: 'demo:%' } })) return;
    const now = Date.now();
    for (const [index, demo] of DEMO_MESSAGES.entries()) {
      const people = (demo.to ?? DEMO_PEOPLE.map((_, i) => i)).map((i) => DEMO_PEOPLE[i].unionId);
      const message = new Message(demo.appId ? appSender(demo.appId) : ADMIN_SENDER, demo.title, demo.body);
      Object.assign(message, {
        appId: demo.appId,
        senderUnionId: demo.appId ? null : DEMO.adminUnionId,
        format: demo.format ?? MessageFormat.PLAIN,
        link: demo.link ?? null,
        priority: demo.priority ?? MessagePriority.NORMAL,
        target: demo.to ? { unionIds: people } : { everyone: true },
        recipientCount: people.length,
        idempotencyKey: `demo:${index}`,
        createdAt: new Date(now - demo.minutesAgo * 60_000),
      });
      await tx.persist(message).flush();
      await tx.insertMany(
        Delivery,
        people.map((recipientUnionId) => ({
          id: randomUUID(),
          corpId: DEMO.corpId,
          message: message.id,
          recipientUnionId,
          appId: demo.appId,
          pin: (message.priority as MessagePriority) === MessagePriority.URGENT ? 1 : 0,
          createdAt: message.createdAt,
          readAt: null,
          via: demo.via,
        })),
      );
    }
  });
}
