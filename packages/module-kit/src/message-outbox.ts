import { Entity, Index, PrimaryKey, Property, type EntityManager, type MikroORM, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { CorpScoped } from './tenant';
import { errorCodeOf } from './errors';
import type { Logger } from './logger';
import { MessagesClient, type OutgoingMessage } from './messages-client';
import type { CreateServerOptions } from './definition';
import { gatewayUrlOf } from './module-graph';
import { backoffMs, outboxPollMs, startPoller, type Poller } from './poller';
import { BACKGROUND } from './orm';
import { deleteBatch, readRetentionConfig, retentionPruner, type RetentionConfig } from './retention';

/**
 * A module's message waiting to be sent (the messages subgraph, through the gateway): written in the same
 * transaction as the change it tells of, so a message is never lost to a send that failed or a crash after
 * the commit, and never sent for a change that rolled back. Its idempotency key makes a repeated send one.
 */
@Entity({ tableName: 'outbox_message' })
@Index({ properties: ['sentAt', 'failedAt', 'nextAttemptAt'] })
export class OutboxMessage extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'json' })
  message: OutgoingMessage;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'datetime' })
  nextAttemptAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  /** Given up: refused for good (e.g. nobody to send to any more) or failing after every retry. */
  @Property({ type: 'datetime', nullable: true })
  failedAt?: Date | null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;

  constructor(message: OutgoingMessage, requestId?: string) {
    super();
    this.message = message;
    this.requestId = requestId ?? null;
  }
}

/** Answers of the messages subgraph that a retry cannot change. */
const FINAL_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'MODULE_NOT_INSTALLED', 'UNAUTHENTICATED']);
/** Retries back off 2, 4, 8 … seconds, at most 15 minutes apart, for about a day. */
const MAX_ATTEMPTS = 100;
const FIRST_RETRY_MS = 2_000;
const MAX_BACKOFF_MS = 15 * 60_000;

export interface MessageOutboxOptions {
  orm: MikroORM;
  client: MessagesClient;
  logger: Logger;
  /** How often pending messages are retried (CORPHUB_OUTBOX_POLL_MS). */
  pollMs: number;
  /** How long a mutation waits for its messages to be sent after its commit; slower ones go on in the background. */
  waitMs?: number;
  batch?: number;
  /** Sent and given-up rows are deleted after the retention period (CORPHUB_RETENTION_DAYS). */
  retention?: RetentionConfig;
}

const hasRecipients = ({ to }: OutgoingMessage) => Boolean(to.everyone || to.unionIds?.length || to.departments?.length || to.tags?.length);

/**
 * The module side of messaging: `queue` inside the change's transaction, `sendQueued` after its commit (the
 * mutation waits for the send up to `waitMs`, so people usually see the message before the answer), and a
 * background loop retrying what failed, with backoff. A message that cannot be sent never fails the mutation.
 */
export class MessageOutbox {
  private readonly relay: Poller;
  private readonly prune: () => Promise<boolean>;

  /** The outbox of a hub module's subgraph server, sending as the module's app (e.g. `expenses`). */
  static forModule(app: string, options: CreateServerOptions & { logger: Logger; internalSecret: string }): MessageOutbox {
    return new MessageOutbox({
      orm: options.orm,
      client: new MessagesClient({ app, gatewayUrl: gatewayUrlOf(options), internalSecret: options.internalSecret }),
      pollMs: outboxPollMs(),
      logger: options.logger.child({ component: 'message-outbox' }),
    });
  }

  constructor(private readonly options: MessageOutboxOptions) {
    const settledBefore = (cutoff: Date) => ({ $or: [{ sentAt: { $lt: cutoff } }, { failedAt: { $lt: cutoff } }] });
    this.prune = retentionPruner(options.retention ?? readRetentionConfig(), (cutoff, size) =>
      deleteBatch(options.orm.em.fork({ loggerContext: BACKGROUND }), OutboxMessage, settledBefore(cutoff), size),
    );
    this.relay = startPoller({ name: 'message-outbox', intervalMs: options.pollMs, run: () => this.sendDue(), logger: options.logger });
  }

  /** Records a message in the caller's transaction; nothing when it has no recipients. */
  static queue(tx: EntityManager, message: OutgoingMessage, requestId?: string): void {
    if (hasRecipients(message)) tx.persist(new OutboxMessage(message, requestId));
  }

  /** After a commit: sends what is due now, waiting at most `waitMs`. */
  async sendQueued(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.waitMs ?? 5_000);
    });
    try {
      await Promise.race([this.relay.poke(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  stop(): Promise<void> {
    return this.relay.stop();
  }

  /** One round: every due message, oldest first, across corps; returns true when a full batch was found. */
  private async sendDue(): Promise<boolean> {
    const pruneMore = await this.prune();
    const batch = this.options.batch ?? 50;
    const em = this.options.orm.em.fork({ loggerContext: BACKGROUND });
    const due = await em.find(
      OutboxMessage,
      { sentAt: null, failedAt: null, nextAttemptAt: { $lte: new Date() } },
      { filters: false, orderBy: { createdAt: 'asc', id: 'asc' }, limit: batch },
    );
    for (const row of due) {
      try {
        await this.options.client.deliver(row.corpId, { idempotencyKey: `outbox:${row.id}`, ...row.message }, row.requestId ?? undefined);
        row.sentAt = new Date();
        row.lastError = null;
      } catch (error) {
        row.attempts += 1;
        row.lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const final = FINAL_CODES.has(errorCodeOf(error) ?? '') || row.attempts >= MAX_ATTEMPTS;
        if (final) row.failedAt = new Date();
        else row.nextAttemptAt = new Date(Date.now() + backoffMs(row.attempts, FIRST_RETRY_MS, MAX_BACKOFF_MS));
        this.options.logger.warn({ err: error, requestId: row.requestId, corpId: row.corpId, title: row.message.title, attempts: row.attempts, final }, final ? 'module message given up' : 'module message not sent; retrying later');
      }
    }
    await em.flush();
    return due.length === batch || pruneMore;
  }
}
