import type { MikroORM } from '@mikro-orm/core';
import { BACKGROUND, deleteBatch, readRetentionConfig, retentionPruner, startPoller, type GatewayClient, type Logger, type Poller, type RetentionConfig } from '@corphub/module-kit';
import { OutboxEvent } from './event.entity';

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
