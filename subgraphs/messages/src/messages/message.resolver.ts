import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { Connection, CORP_READERS, errors, isUuid, PageArgs, paginate, Role, type AuthContext, type Page } from '@corphub/module-kit';
import type { MessagesContext } from '../context';
import { AppStub } from '../apps/app.stub';
import { EmployeeStub, employeeRef } from '../employees/employee.stub';
import { Delivery, Message } from './message.entity';
import { InboxArgs, MAX_MARK, SendMessageInput, SentMessagesArgs } from './message.inputs';
import { appFilter } from './message.loaders';
import { sendMessage as send } from './message.service';
import { renderBody } from './message.render';

/** Unread URGENT first (pinned until read), then newest first. */
export const INBOX_ORDER = [['pin', 'desc'], ['createdAt', 'desc'], ['id', 'desc']] as const;
const SENT_ORDER = [['createdAt', 'desc'], ['id', 'desc']] as const;
@ObjectType({ description: 'A page of an inbox, with the unread count of the whole inbox (for the same `appId` filter).' })
export class InboxConnection extends Connection(Delivery, 'Inbox') {
  @Field(() => Int, { description: 'Messages not marked read (with `appId`: from that sender only), over all pages.' })
  unreadCount!: Promise<number>;
}

@ObjectType()
export class DeliveryConnection extends Connection(Delivery) {}

@ObjectType()
export class MessageConnection extends Connection(Message) {}

@ObjectType({ description: 'What a markRead or markAllRead changed.' })
export class MarkReadResult {
  @Field(() => Int, { description: 'Messages newly marked read (already read ones do not count).' })
  marked!: number;

  @Field(() => Int, { description: 'The caller’s unread messages now, over the whole inbox.' })
  unreadCount!: number;
}

/** The person whose inbox this is. */
function inboxOwner(auth: AuthContext): string {
  if (!auth.unionId) throw errors.FORBIDDEN('An inbox is a person’s: use an employee token (or an admin token with a unionId)');
  return auth.unionId;
}

/** Admins, analysts, the platform, or the app that sent it (its vendor or module token). */
function seesSentMessage(auth: AuthContext, message: Message): boolean {
  if ((CORP_READERS as readonly Role[]).includes(auth.role) && (auth.role !== Role.SERVICE || !auth.appId)) return true;
  return (auth.role === Role.VENDOR || auth.role === Role.SERVICE) && !!auth.appId && auth.appId === message.appId;
}

@Resolver(() => Message)
export class MessageResolver {
  @Query(() => InboxConnection, { description: 'The caller’s messages from every module: unread URGENT ones pinned first, then newest first.' })
  async inbox(@Args(() => InboxArgs) { unreadOnly, appId, ...page }: InboxArgs, @Ctx() { auth, em, loaders }: MessagesContext): Promise<Page<Delivery> & { unreadCount: Promise<number> }> {
    const me = inboxOwner(auth);
    const where: FilterQuery<Delivery> = { recipientUnionId: me, ...appFilter(appId), ...(unreadOnly ? { readAt: null } : {}) };
    const result = await paginate(em, Delivery, where, page, INBOX_ORDER);
    return Object.defineProperty(result, 'unreadCount', { get: () => loaders.unreadCount(appId), enumerable: true }) as Page<Delivery> & { unreadCount: Promise<number> };
  }

  @Query(() => Message, { description: 'A message the caller received, sent (as its app) or, as an admin, any of the corp.' })
  async message(@Arg('id', () => ID) id: string, @Ctx() { auth, loaders }: MessagesContext): Promise<Message> {
    const message = isUuid(id) ? await loaders.messageById.load(id) : null;
    if (message && (seesSentMessage(auth, message) || (await loaders.myDeliveryByMessage.load(message.id)))) return message;
    throw errors.NOT_FOUND(`Message "${id}" not found`);
  }

  @Query(() => DeliveryConnection, {
    description: 'Who got a message, how (`via`) and whether they read it, by unionId: for admins, analysts and the app that sent it.',
  })
  async messageRecipients(@Arg('messageId', () => ID) messageId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() { auth, em, loaders }: MessagesContext): Promise<Page<Delivery>> {
    const message = isUuid(messageId) ? await loaders.messageById.load(messageId) : null;
    if (!message || !seesSentMessage(auth, message)) {
      if (message && (await loaders.myDeliveryByMessage.load(message.id))) throw errors.FORBIDDEN('Only admins, analysts and the sending app see who got a message');
      throw errors.NOT_FOUND(`Message "${messageId}" not found`);
    }
    return paginate(em, Delivery, { message: message.id }, page, [['recipientUnionId', 'asc'], ['id', 'asc']]);
  }

  @Authorized(...CORP_READERS, Role.VENDOR)
  @Query(() => MessageConnection, { description: 'Messages sent in the corp, newest first: all of them for admins and analysts, its own for an app.' })
  async sentMessages(@Args(() => SentMessagesArgs) { appId, ...page }: SentMessagesArgs, @Ctx() { auth, em }: MessagesContext): Promise<Page<Message>> {
    const own = auth.role === Role.VENDOR || (auth.role === Role.SERVICE && auth.appId);
    if (own && appId && appId !== auth.appId) throw errors.FORBIDDEN('An app sees only the messages it sent');
    const sender = own ? auth.appId : appId;
    const where: FilterQuery<Message> = sender === undefined ? {} : { appId: sender === 'admin' ? null : sender };
    return paginate(em, Message, where, page, SENT_ORDER);
  }

  @Authorized(Role.ADMIN, Role.VENDOR, Role.SERVICE)
  @Mutation(() => Message, {
    description:
      'Sends a message to employees of the caller’s corp: by an installed app (its vendor token) or an admin. Recipients are expanded once, now. Rate-limited per sender and corp (RATE_LIMITED).',
  })
  sendMessage(@Arg('input', () => SendMessageInput) input: SendMessageInput, @Ctx() ctx: MessagesContext): Promise<Message> {
    return send(ctx, input);
  }

  @Mutation(() => MarkReadResult, { description: `Marks messages of the caller’s inbox read (at most ${MAX_MARK}); one that is not in it is NOT_FOUND and nothing changes.` })
  async markRead(@Arg('messageIds', () => [ID]) messageIds: string[], @Ctx() { auth, em, loaders }: MessagesContext): Promise<MarkReadResult> {
    const me = inboxOwner(auth);
    const ids = [...new Set(messageIds)];
    if (!ids.length || ids.length > MAX_MARK) throw errors.BAD_USER_INPUT(`messageIds: 1 to ${MAX_MARK} ids`);
    const malformed = ids.find((id) => !isUuid(id));
    if (malformed) throw errors.BAD_USER_INPUT(`"${malformed}" is not a message id`);
    const marked = await em.transactional(async (tx) => {
      const mine = await tx.find(Delivery, { recipientUnionId: me, message: { $in: ids } }, { fields: ['id', 'message', 'readAt'] });
      if (mine.length !== ids.length) {
        const found = new Set(mine.map((row) => row.message.id));
        throw errors.NOT_FOUND(`Message "${ids.find((id) => !found.has(id))}" not found in your inbox`);
      }
      return tx.nativeUpdate(Delivery, { recipientUnionId: me, message: { $in: ids }, readAt: null }, { readAt: new Date(), pin: 0 });
    });
    loaders.forgetUnreadCounts();
    return { marked, unreadCount: await loaders.unreadCount(null) };
  }

  @Mutation(() => MarkReadResult, { description: 'Marks every message of the caller’s inbox read, or (with `appId`) those from one sender ("admin": the corp admin).' })
  async markAllRead(@Arg('appId', () => ID, { nullable: true }) appId: string | null, @Ctx() { auth, em, loaders }: MessagesContext): Promise<MarkReadResult> {
    const me = inboxOwner(auth);
    if (appId !== null && appId !== undefined && (!appId || appId.length > 40)) throw errors.BAD_USER_INPUT('appId: 1 to 40 characters');
    const marked = await em.nativeUpdate(Delivery, { recipientUnionId: me, readAt: null, ...appFilter(appId) }, { readAt: new Date(), pin: 0 });
    loaders.forgetUnreadCounts();
    return { marked, unreadCount: await loaders.unreadCount(null) };
  }

  @FieldResolver(() => String, { description: '`body` as HTML that is safe to insert in a page (plain text escaped, or the Markdown subset rendered).' })
  bodyHtml(@Root() message: Message): string {
    return renderBody(message.body, message.format);
  }

  @FieldResolver(() => AppStub, { nullable: true, description: 'The sending app; null when the corp admin sent it.' })
  app(@Root() message: Message): AppStub | null {
    return message.appId ? { appId: message.appId } : null;
  }

  @FieldResolver(() => EmployeeStub, { nullable: true, description: 'The admin who sent it, when an admin did.' })
  sentBy(@Root() message: Message): EmployeeStub | null {
    return message.senderUnionId ? employeeRef(message.senderUnionId) : null;
  }

  @FieldResolver(() => Int, { description: 'How many recipients marked it read.' })
  readCount(@Root() message: Message, @Ctx() { loaders }: MessagesContext): Promise<number> {
    return loaders.readCountByMessage.load(message.id);
  }

}

@Resolver(() => Delivery)
export class DeliveryResolver {
  @FieldResolver(() => Message)
  async message(@Root() delivery: Delivery, @Ctx() { loaders }: MessagesContext): Promise<Message> {
    const message = await loaders.messageById.load(delivery.message.id);
    if (!message) throw errors.NOT_FOUND(`Message "${delivery.message.id}" not found`);
    return message;
  }

  @FieldResolver(() => EmployeeStub, { description: 'Whose inbox it is in.' })
  recipient(@Root() delivery: Delivery): EmployeeStub {
    return employeeRef(delivery.recipientUnionId);
  }

  @FieldResolver(() => Boolean)
  read(@Root() delivery: Delivery): boolean {
    return !!delivery.readAt;
  }

  @FieldResolver(() => Boolean, { description: 'Unread and URGENT: held at the top of the inbox until read.' })
  pinned(@Root() delivery: Delivery): boolean {
    return delivery.pin === 1;
  }
}
