import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { corpIdOf, errors, Role, type AuthContext } from '@corphub/module-kit';
import { ADMIN_SENDER, appSender, Delivery, Message, MessagePriority } from './message.entity';
import type { SendMessageInput } from './message.inputs';
import type { MessagesContext } from '../context';
import type { LiveMessage } from './message.bus';
import { renderBody } from './message.render';

/** Rows per multi-row insert: a send to 10,000 people is 20 statements, whatever the dialect's parameter limit. */
export const DELIVERY_BATCH = 500;

interface Sender {
  sender: string;
  appId: string | null;
  unionId: string | null;
}

/**
 * Who may send: an installed app (a vendor token, or a hub module's service token, naming its app) or the
 * corp's admin. Employees read their inbox; they do not broadcast.
 */
export function senderOf(auth: AuthContext): Sender {
  if (auth.role === Role.ADMIN) return { sender: ADMIN_SENDER, appId: null, unionId: auth.unionId ?? null };
  if (auth.role === Role.VENDOR || auth.role === Role.SERVICE) {
    if (!auth.appId) throw errors.FORBIDDEN('An app sends messages: the token must name its app (app_id claim)');
    return { sender: appSender(auth.appId), appId: auth.appId, unionId: null };
  }
  throw errors.FORBIDDEN(`Role ${auth.role} may not send messages: apps (vendor tokens of an installed app) and admins do`);
}

export function liveMessage(message: Message): LiveMessage {
  return {
    id: message.id,
    appId: message.appId ?? null,
    title: message.title,
    body: message.body,
    bodyHtml: renderBody(message.body, message.format),
    format: message.format,
    link: message.link ?? null,
    priority: message.priority,
    createdAt: message.createdAt.toISOString(),
  };
}

/**
 * Sends a message: the sender checked (an app must be installed in the corp), counted against its rate limit,
 * the recipients expanded once through the directory, then the message and one delivery per person written in
 * one transaction (multi-row inserts), then published to the live streams.
 */
export async function sendMessage(ctx: MessagesContext, input: SendMessageInput): Promise<Message> {
  const { auth, em, services, requestId } = ctx;
  const from = senderOf(auth);
  const { everyone, unionIds = [], departments = [], tags = [] } = input.to;
  if (!everyone && !unionIds.length && !departments.length && !tags.length) throw errors.BAD_USER_INPUT('Name the recipients: everyone, unionIds, departments or tags');
  if (!input.title.trim() || !input.body.trim()) throw errors.BAD_USER_INPUT('title and body must not be blank');
  if (input.idempotencyKey) {
    const earlier = await em.findOne(Message, { sender: from.sender, idempotencyKey: input.idempotencyKey });
    if (earlier) return earlier;
  }
  if (from.appId && !(await services.graph.isInstalled(auth.corpId, from.appId, requestId))) {
    throw errors.FORBIDDEN(`App "${from.appId}" is not installed in corp "${auth.corpId}": it may message only the people of corps that installed it`);
  }
  await services.limiter.consume(auth.corpId, from.sender);
  const recipients = await services.graph.expand(auth.corpId, input.to, requestId);
  if (!recipients.size) throw errors.BAD_USER_INPUT('The recipients name nobody who is an active employee of this corp');

  let message: Message;
  try {
    message = await em.transactional(async (tx) => {
      const created = new Message(from.sender, input.title.trim(), input.body);
      Object.assign(created, {
        appId: from.appId,
        senderUnionId: from.unionId,
        format: input.format,
        link: input.link ?? null,
        priority: input.priority,
        target: { everyone, unionIds, departments: departments.map(({ id, includeSubdepartments }) => ({ id, includeSubdepartments })), tags, excludeUnionIds: input.to.excludeUnionIds ?? [] },
        recipientCount: recipients.size,
        idempotencyKey: input.idempotencyKey ?? null,
      });
      await tx.persist(created).flush();
      await insertDeliveries(tx, created, recipients);
      return created;
    });
  } catch (error) {
    // the same key sent twice at once: the other request wrote it, answer it
    if (error instanceof UniqueConstraintViolationException && input.idempotencyKey) {
      const earlier = await em.fork().findOne(Message, { sender: from.sender, idempotencyKey: input.idempotencyKey }, { filters: { corp: { corpId: auth.corpId } } });
      if (earlier) return earlier;
    }
    throw error;
  }
  try {
    await services.bus.publish({ corpId: auth.corpId, recipients: [...recipients.keys()], message: liveMessage(message) });
  } catch (error) {
    // stored and in every inbox: live streams miss it, clients see it on their next inbox read
    ctx.logger.warn({ err: error, messageId: message.id }, 'live delivery failed');
  }
  return message;
}

/** One delivery per recipient, in multi-row inserts of DELIVERY_BATCH rows. */
async function insertDeliveries(tx: EntityManager, message: Message, recipients: Map<string, string>): Promise<void> {
  const corpId = corpIdOf(tx);
  const pin = (message.priority as MessagePriority) === MessagePriority.URGENT ? 1 : 0;
  const rows = [...recipients].map(([recipientUnionId, via]) => ({
    id: randomUUID(),
    corpId,
    message: message.id,
    recipientUnionId,
    appId: message.appId ?? null,
    pin,
    createdAt: message.createdAt,
    readAt: null,
    via,
  }));
  for (let i = 0; i < rows.length; i += DELIVERY_BATCH) await tx.insertMany(Delivery, rows.slice(i, i + DELIVERY_BATCH));
}
