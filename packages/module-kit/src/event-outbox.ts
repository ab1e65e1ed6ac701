import { Entity, Index, PrimaryKey, Property, type EntityManager, type MikroORM, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { CorpScoped } from './tenant';
import { BACKGROUND } from './orm';
import type { GatewayClient } from './gateway-client';
import type { Logger } from './logger';
import { startPoller, type Poller } from './poller';
import { deleteBatch, readRetentionConfig, retentionPruner, type RetentionConfig } from './retention';

/**
 * A hub subgraph's outbox of vendor-facing events (webhooks): written in the same transaction as the
 * change, relayed afterwards to identity (which owns apps, installations and webhook delivery). The
 * id given here is the event's id for good: receivers deduplicate on it, and a relay repeated after
 * a crash publishes the same id again, which identity skips. Used by the directory (employee and
 * department events) and approvals (`approval.decided`).
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

/** Records an event inside the caller's transaction (the change and its event commit together). */
export function recordOutboxEvent(tx: EntityManager, type: string, data: Record<string, unknown>, actor?: string): OutboxEvent {
  const event = new OutboxEvent(type, data, actor);
  tx.persist(event);
  return event;
}

const PUBLISH = /* GraphQL */ `
  mutation PublishEvents($events: [PublishEventInput!]!) {
    publishEvents(events: $events)
  }
`;

export interface OutboxRelayOptions {
  orm: MikroORM;
  /** The subgraph's own client: events go to identity's `publishEvents` through the graph, with a service token per corp. */
  client: GatewayClient;
  pollMs: number;
  logger: Logger;
  batch?: number;
  /** Relayed events are deleted after this (identity has them by then). */
  retention?: RetentionConfig;
}

/** Relays unrelayed events, oldest first, corp by corp; a corp whose relay fails is retried next round. */
export function startOutboxRelay({ orm, client, pollMs, logger, batch = 100, retention = readRetentionConfig() }: OutboxRelayOptions): Poller {
  const prune = retentionPruner(retention, (cutoff, size) => deleteBatch(orm.em.fork({ loggerContext: BACKGROUND }), OutboxEvent, { relayedAt: { $lt: cutoff } }, size));
  const run = async (): Promise<boolean> => {
    const pruneMore = await prune();
    const em = orm.em.fork({ loggerContext: BACKGROUND });
    const pending = await em.find(OutboxEvent, { relayedAt: null }, { filters: false, orderBy: { occurredAt: 'asc', id: 'asc' }, limit: batch });
    const byCorp = new Map<string, OutboxEvent[]>();
    for (const event of pending) byCorp.set(event.corpId, [...(byCorp.get(event.corpId) ?? []), event]);
    for (const [corpId, events] of byCorp) {
      try {
        await client.request(corpId, PUBLISH, {
          events: events.map((event) => ({ id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), data: JSON.stringify(event.data), ...(event.actor ? { actor: event.actor } : {}) })),
        });
        await em.nativeUpdate(OutboxEvent, { id: { $in: events.map((event) => event.id) } }, { relayedAt: new Date() }, { filters: false });
      } catch (error) {
        logger.warn({ err: error, corpId, events: events.length }, 'outbox relay failed; retrying next round');
      }
    }
    return pending.length === batch || pruneMore;
  };
  return startPoller({ name: 'outbox', intervalMs: pollMs, run, logger });
}
