import type { MikroORM } from '@mikro-orm/core';
import { BACKGROUND, deleteBatch, ENV_SCHEMA, readEnv, readRetentionConfig, retentionPruner, scheduledRetryMs, startPoller, type Logger, type Poller, type RawEnv, type RetentionConfig } from '@corphub/module-kit';
import { AppIntegration } from '../apps/app-integration.entity';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookEvent } from './webhook.entity';
import { fetch } from 'undici';
import { internalWebhookUrl, webhookAgent } from './webhook.address';
import { webhookHeaders } from './webhook.signature';

export interface WebhookDispatcherConfig {
  /** How often due deliveries are looked for. */
  pollMs: number;
  /** The waits before each retry, the last one repeating; each spread by ±`WEBHOOK_RETRY_JITTER`. */
  retryScheduleMs: number[];
  /** After this many attempts a delivery is FAILED. */
  maxAttempts: number;
  /** A receiver that has not answered by then counts as a failed attempt. */
  timeoutMs: number;
  /** Deliveries per round. */
  batch: number;
  /** Deliver to loopback, private and link-local addresses too (development and tests only). */
  allowPrivate: boolean;
  /** Settled deliveries (and events without pending ones) are deleted after this. */
  retention: RetentionConfig;
}

/**
 * The Standard Webhooks (Svix) schedule, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h …, with the 10 h step
 * repeated until the retries span more than three days even when jitter shortens every wait: a receiver down
 * over a long weekend still gets its events.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = ENV_SCHEMA.CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS.default;
export const WEBHOOK_RETRY_JITTER = 0.1;

/** `CORPHUB_WEBHOOKS_ALLOW_PRIVATE`: `1`/`0`; unset, on except with `NODE_ENV=production` (the schema's production default). */
export function webhooksAllowPrivate(env?: RawEnv): boolean {
  return readEnv(['CORPHUB_WEBHOOKS_ALLOW_PRIVATE'], env).CORPHUB_WEBHOOKS_ALLOW_PRIVATE;
}

/**
 * `CORPHUB_WEBHOOK_POLL_MS`, `_RETRY_SCHEDULE_MS`, `_MAX_ATTEMPTS`, `_TIMEOUT_MS`, `CORPHUB_WEBHOOKS_ALLOW_PRIVATE` and
 * the retention settings (docs/configuration.md): a bad value is a ConfigError naming it, never the default.
 */
export function readWebhookConfig(env?: RawEnv): WebhookDispatcherConfig {
  const vars = readEnv(['CORPHUB_WEBHOOK_POLL_MS', 'CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS', 'CORPHUB_WEBHOOK_MAX_ATTEMPTS', 'CORPHUB_WEBHOOK_TIMEOUT_MS', 'CORPHUB_WEBHOOKS_ALLOW_PRIVATE'], env);
  return {
    pollMs: vars.CORPHUB_WEBHOOK_POLL_MS,
    retryScheduleMs: [...vars.CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS],
    maxAttempts: vars.CORPHUB_WEBHOOK_MAX_ATTEMPTS,
    timeoutMs: vars.CORPHUB_WEBHOOK_TIMEOUT_MS,
    batch: 50,
    allowPrivate: vars.CORPHUB_WEBHOOKS_ALLOW_PRIVATE,
    retention: readRetentionConfig(env),
  };
}

/** The defaults (an empty environment, outside production): the schema's. */
export const DEFAULT_WEBHOOK_CONFIG: WebhookDispatcherConfig = { ...readWebhookConfig({}), allowPrivate: false };

/**
 * Sends due deliveries, across every corp. Several identity replicas may run it: each delivery is
 * claimed with a conditional update (`lockedUntil`) before it is sent, so one replica sends it.
 */
export function startWebhookDispatcher(orm: MikroORM, config: WebhookDispatcherConfig, logger: Logger): Poller {
  // refuses, at connect time, names that resolve to internal addresses (unless allowed)
  const agent = webhookAgent(config.allowPrivate);
  const unlocked = (now: Date) => ({ $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] });

  async function deliver(delivery: WebhookDelivery): Promise<void> {
    const em = orm.em.fork({ loggerContext: BACKGROUND });
    const [event, integration] = await Promise.all([
      em.findOneOrFail(WebhookEvent, { id: delivery.event.id }, { filters: false }),
      em.findOne(AppIntegration, { appId: delivery.appId }),
    ]);
    const attempts = delivery.attempts + 1;
    let statusCode: number | null = null;
    let error: string | null = null;
    // a literal IP is connected to without a lookup: checked here (it may predate the setting)
    const internal = integration?.webhookUrl && !config.allowPrivate ? internalWebhookUrl(integration.webhookUrl) : null;
    if (!integration?.webhookUrl || !integration.webhookSecret) {
      error = 'The app has no webhook URL any more';
    } else if (internal) {
      error = `Refused: ${internal}`;
    } else {
      const body = JSON.stringify({ id: event.id, type: event.type, corpId: event.corpId, appId: delivery.appId, occurredAt: event.occurredAt.toISOString(), data: event.data });
      try {
        const response = await fetch(integration.webhookUrl, {
          method: 'POST',
          redirect: 'manual',
          dispatcher: agent,
          signal: AbortSignal.timeout(config.timeoutMs),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Corphub-Webhooks/1',
            // the event's id is the message id: the same at every retry, what receivers deduplicate on
            ...webhookHeaders(integration.webhookSecret, event.id, body),
          },
          body,
        });
        statusCode = response.status;
        await response.body?.cancel();
        if (!response.ok) error = `The receiver answered HTTP ${response.status}`;
      } catch (cause) {
        // undici's "fetch failed" carries the reason (refused address, DNS, connection) as its cause
        const reason = ((cause as Error).cause as Error | undefined)?.message ?? (cause as Error).message;
        error = (cause as Error).name === 'TimeoutError' ? `No answer within ${config.timeoutMs} ms` : `Unreachable: ${reason}`.slice(0, 500);
      }
    }
    const now = new Date();
    const failedForGood = error !== null && (attempts >= config.maxAttempts || !integration?.webhookUrl);
    await em.nativeUpdate(
      WebhookDelivery,
      { id: delivery.id },
      {
        attempts,
        lastStatusCode: statusCode,
        lastError: error,
        lockedUntil: null,
        status: error === null ? WebhookDeliveryStatus.DELIVERED : failedForGood ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
        deliveredAt: error === null ? now : null,
        nextAttemptAt: error === null || failedForGood ? null : new Date(now.getTime() + scheduledRetryMs(attempts, config.retryScheduleMs, WEBHOOK_RETRY_JITTER)),
      },
      { filters: false },
    );
    if (error) logger.warn({ deliveryId: delivery.id, eventId: event.id, appId: delivery.appId, attempts, error }, 'webhook delivery failed');
  }

  // the log keeps settled rows for the retention period; an event goes once none of its deliveries is left
  const prune = retentionPruner(config.retention, async (cutoff, batch) => {
    const em = orm.em.fork({ loggerContext: BACKGROUND });
    const deliveries = await deleteBatch(em, WebhookDelivery, { status: { $in: [WebhookDeliveryStatus.DELIVERED, WebhookDeliveryStatus.FAILED] }, createdAt: { $lt: cutoff } }, batch);
    const events = await deleteBatch(em, WebhookEvent, { occurredAt: { $lt: cutoff }, deliveries: { $none: {} } }, batch);
    return Math.max(deliveries, events);
  });

  async function round(): Promise<boolean> {
    const pruneMore = await prune();
    const em = orm.em.fork({ loggerContext: BACKGROUND });
    const now = new Date();
    const due = await em.find(
      WebhookDelivery,
      { status: WebhookDeliveryStatus.PENDING, nextAttemptAt: { $lte: now }, ...unlocked(now) },
      { filters: false, orderBy: { nextAttemptAt: 'asc' }, limit: config.batch },
    );
    const claimed: WebhookDelivery[] = [];
    for (const delivery of due) {
      const lockedUntil = new Date(now.getTime() + config.timeoutMs + 30_000);
      const taken = await em.nativeUpdate(WebhookDelivery, { id: delivery.id, status: WebhookDeliveryStatus.PENDING, ...unlocked(now) }, { lockedUntil }, { filters: false });
      if (taken === 1) claimed.push(delivery);
    }
    // deliveries to different receivers go out together; one slow receiver does not hold up the rest past its timeout
    await Promise.all(claimed.map((delivery) => deliver(delivery).catch((error: unknown) => logger.error({ err: error, deliveryId: delivery.id }, 'webhook dispatch failed'))));
    return due.length === config.batch || pruneMore;
  }

  const poller = startPoller({ name: 'webhooks', intervalMs: config.pollMs, run: round, logger });
  return {
    ...poller,
    stop: async () => {
      await poller.stop();
      await agent.close();
    },
  };
}
