import { Collection, Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';

/** What vendors subscribe to: one type per kind of change. */
export const WEBHOOK_EVENT_TYPES = [
  'app.installed',
  'app.uninstalled',
  'installation.scope_changed',
  'employee.hired',
  'employee.changed',
  'employee.offboarded',
  'department.created',
  'department.changed',
  'department.deleted',
  'approval.decided',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * The outbox: one row per change, written in the same transaction as the change (identity's own
 * changes), or relayed from another subgraph's outbox under the id that subgraph gave it. The id is
 * what receivers deduplicate on: a change never gets two ids.
 */
@Entity()
@Index({ properties: ['occurredAt'] })
export class WebhookEvent extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 60 })
  type: string;

  @Property({ type: 'json' })
  data: Record<string, unknown>;

  @Property({ type: 'datetime' })
  occurredAt: Date & Opt = new Date();

  /** Only for pruning (an event goes once none of its deliveries is left). */
  @OneToMany(() => WebhookDelivery, (delivery) => delivery.event)
  deliveries = new Collection<WebhookDelivery>(this);

  constructor(type: WebhookEventType, data: Record<string, unknown>) {
    super();
    this.type = type;
    this.data = data;
  }
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus', description: 'PENDING until a 2xx answer (DELIVERED) or the last attempt (FAILED).' });

/** One event for one app: the dispatcher's work item and the delivery log's row. */
@Entity()
@Unique({ properties: ['event', 'appId'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['status', 'createdAt'] })
@ObjectType({ description: "A webhook event's delivery to one app: attempts, last answer and next retry." })
export class WebhookDelivery extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @ManyToOne(() => WebhookEvent, { ref: true, fieldName: 'event_id' })
  event: Ref<WebhookEvent>;

  @Property({ type: 'string', length: 40 })
  @Field(() => ID)
  appId: string;

  @Property({ type: 'string', length: 60 })
  @Field(() => String, { description: 'The event type, e.g. `employee.hired`.' })
  eventType: string;

  // a plain string column: MikroORM's enum check constraints make a permanent SQLite schema diff
  @Property({ type: 'string', length: 12 })
  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus & Opt = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts: number & Opt = 0;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status at the last attempt (null: no answer)." })
  lastStatusCode?: number | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed, when it did.' })
  lastError?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (null once delivered or failed).' })
  nextAttemptAt?: Date | null = new Date();

  /** A dispatcher replica holds the delivery until then (claimed with a conditional update). */
  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(event: Ref<WebhookEvent>, eventType: string, appId: string) {
    super();
    this.event = event;
    this.eventType = eventType;
    this.appId = appId;
  }

  @Field(() => ID, { description: "The event's id: the `id` the receiver sees, the same at every retry." })
  get eventId(): string {
    return this.event.id;
  }
}
