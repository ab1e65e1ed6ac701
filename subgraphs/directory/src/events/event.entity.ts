import { Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { CorpScoped } from '@corphub/module-kit';

/**
 * A subgraph's outbox of vendor-facing events (webhooks): written in the same transaction as the
 * change, relayed afterwards to identity (which owns apps, installations and webhook delivery). The
 * id given here is the event's id for good: receivers deduplicate on it, and a relay repeated after
 * a crash publishes the same id again, which identity skips.
 */
@Entity({ tableName: 'outbox_event' })
@Index({ properties: ['relayedAt', 'occurredAt'] })
export class OutboxEvent extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 60 })
  type: string;

  @Property({ type: 'json' })
  data: Record<string, unknown>;

  @Property({ type: 'datetime' })
  occurredAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  relayedAt?: Date | null;

  /** Who made the change (a UnionID or a token subject), for identity's audit log; never sent to apps. */
  @Property({ type: 'string', length: 200, nullable: true })
  actor?: string | null;

  constructor(type: string, data: Record<string, unknown>, actor?: string) {
    super();
    this.type = type;
    this.data = data;
    this.actor = actor ?? null;
  }
}
