import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum MessagePriority {
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(MessagePriority, {
  name: 'MessagePriority',
  description: 'How much a message matters. The inbox pins unread URGENT messages above everything else; HIGH is for clients to highlight.',
  valuesConfig: {
    NORMAL: { description: 'In the feed by time.' },
    HIGH: { description: 'In the feed by time, highlighted by clients.' },
    URGENT: { description: 'Pinned at the top of the inbox until read.' },
  },
});

export enum MessageFormat {
  PLAIN = 'PLAIN',
  MARKDOWN = 'MARKDOWN',
}
registerEnumType(MessageFormat, {
  name: 'MessageFormat',
  description: 'How `body` is written; `bodyHtml` is always safe to show.',
  valuesConfig: {
    PLAIN: { description: 'Plain text: shown as written.' },
    MARKDOWN: { description: 'A small Markdown subset: paragraphs, line breaks, *emphasis*, **strong**, `code`, lists and http(s) links. Raw HTML and images are not rendered.' },
  },
});

/** Who sent a message: an installed app (module) or the corp's admin. */
export const ADMIN_SENDER = 'admin';
export const appSender = (appId: string) => `app:${appId}`;

/** A message a module (or an admin) sent to employees of one corp. Who got it is in `Delivery`, one row per person. */
@Entity()
// a retried send with the same key is the same message
@Unique({ properties: ['corpId', 'sender', 'idempotencyKey'] })
@Index({ properties: ['corpId', 'createdAt', 'id'] })
@ObjectType({ description: 'A message from a module (or the corp admin) to employees: the enterprise account’s feed.' })
export class Message extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  /** `app:<appId>` or `admin`: the scope of idempotency keys. */
  @Property({ type: 'string', length: 64 })
  sender: string;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => ID, { nullable: true, description: 'The sending app (module); null when the corp admin sent it.' })
  appId?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  senderUnionId?: string | null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  title: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'As the sender wrote it (see `format`); show `bodyHtml` to render it safely.' })
  body: string;

  // plain string columns for enums (an @Enum check constraint makes a permanent SQLite schema diff)
  @Property({ type: 'string', length: 16 })
  @Field(() => MessageFormat)
  format: MessageFormat & Opt = MessageFormat.PLAIN;

  @Property({ type: 'string', length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: 'Where the message leads in the module: an http(s) URL or a path such as /expenses/claims/42.' })
  link?: string | null;

  @Property({ type: 'string', length: 16 })
  @Field(() => MessagePriority)
  priority: MessagePriority & Opt = MessagePriority.NORMAL;

  /** What the sender asked for (unionIds, departments, tags), kept beside the expansion in `Delivery.via`. */
  @Property({ type: 'json' })
  target: Record<string, unknown> & Opt = {};

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'How many people it was delivered to (the recipients expanded once, at send time).' })
  recipientCount: number & Opt = 0;

  @Property({ type: 'string', length: 100, nullable: true })
  idempotencyKey?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(sender: string, title: string, body: string) {
    super();
    this.sender = sender;
    this.title = title;
    this.body = body;
  }
}

/**
 * One message in one person's inbox, with that person's read state. Written in multi-row inserts (a send to
 * 10,000 people is a few statements), so the columns the inbox filters and sorts on are copied from the message.
 */
@Entity()
@PeopleScoped('recipientUnionId')
@Unique({ properties: ['message', 'recipientUnionId'] })
// the inbox: unread URGENT first (pin), then newest first
@Index({ properties: ['corpId', 'recipientUnionId', 'pin', 'createdAt', 'id'] })
@Index({ properties: ['corpId', 'recipientUnionId', 'readAt'] })
@ObjectType({ description: 'A message in one person’s inbox, with their read state.' })
export class Delivery extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @ManyToOne(() => Message, { ref: true, deleteRule: 'cascade' })
  message: Ref<Message>;

  @Property({ type: 'string', length: 40 })
  recipientUnionId: string;

  /** Copied from the message: the inbox's `appId` filter. */
  @Property({ type: 'string', length: 40, nullable: true })
  appId?: string | null;

  /** 1 while unread and URGENT: the inbox's first sort key. */
  @Property({ type: 'integer' })
  pin: number & Opt = 0;

  /** Copied from the message: the inbox's second sort key. */
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When this person marked it read; null while unread.' })
  readAt?: Date | null;

  @Property({ type: 'string', length: 120 })
  @Field(() => String, {
    description: 'How the send reached this person: `everyone`, `unionId`, `department:<id>` (that department only), `subtree:<id>` (it or one below it) or `tag:<name>`; the first that matched.',
  })
  via: string;

  constructor(message: Ref<Message>, recipientUnionId: string, via: string) {
    super();
    this.message = message;
    this.recipientUnionId = recipientUnionId;
    this.via = via;
  }
}
