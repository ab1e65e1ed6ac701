import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { Webhook } from 'standardwebhooks';
import { errorCodeOf } from './errors';
import type { Logger } from './logger';

/** A webhook event the hub sends an app (docs/vendor-guide.md, "Webhooks for vendors"). */
export interface WebhookEvent {
  /** The same at every retry: deduplicate by it. */
  id: string;
  type: string;
  corpId: string;
  appId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface WebhookReceiverOptions {
  /** The app's webhook signing secret (`whsec_…`, CORPHUB_WEBHOOK_SECRET); unset, every delivery is answered 503. */
  secret: string | undefined;
  /** The app the events must be for. */
  appId: string;
  logger: Logger;
  /** Applies one verified event; it may run again for the same event (a retry). */
  handle: (event: WebhookEvent) => Promise<void>;
}

/** A webhook body is small: an event names what changed and nothing more. */
const MAX_BODY = '64kb';

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;

function eventOf(payload: unknown): WebhookEvent | undefined {
  const event = payload as Partial<WebhookEvent> | null;
  if (!event || typeof event !== 'object') return undefined;
  const { id, type, corpId, appId, occurredAt, data } = event;
  if (![id, type, corpId, appId].every(isText) || typeof occurredAt !== 'string' || !data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  return event as WebhookEvent;
}

/** What `receiveWebhooks` gives a server's `routes`: named, so a module's own route function can say its type. */
export type WebhooksRoutes = (router: Router) => void;

/**
 * `POST /webhooks` for the hub's signed webhooks, as a subgraph server's `routes` (or part of them): verified
 * with the `standardwebhooks` package on the raw body (a forged, altered or replayed delivery is 400), checked
 * to be for this app, then handed to `handle`. Answers 204 once handled, 400 for a delivery it will never
 * accept (413 for a body over 64 KB), 503 when no secret is configured or `handle` failed for a reason that
 * may pass (the hub retries).
 */
export function receiveWebhooks({ secret, appId, logger, handle }: WebhookReceiverOptions): WebhooksRoutes {
  const webhook = secret ? new Webhook(secret) : undefined;
  const receive: RequestHandler = async (req, res) => {
    if (!webhook) {
      res.status(503).json({ error: 'Webhooks are not configured here (CORPHUB_WEBHOOK_SECRET)' });
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let event: WebhookEvent | undefined;
    try {
      event = eventOf(webhook.verify(body, req.headers as Record<string, string>));
    } catch {
      res.status(400).json({ error: 'The signature does not verify (or the delivery is too old)' });
      return;
    }
    if (!event || event.id !== req.header('webhook-id')) {
      res.status(400).json({ error: 'The body is not a webhook event' });
      return;
    }
    if (event.appId !== appId) {
      res.status(400).json({ error: `The event is for app "${event.appId}", not "${appId}"` });
      return;
    }
    try {
      await handle(event);
      res.status(204).end();
    } catch (error) {
      if (errorCodeOf(error) === 'BAD_USER_INPUT') {
        res.status(400).json({ error: (error as Error).message });
        return;
      }
      logger.warn({ err: error, eventId: event.id, type: event.type, corpId: event.corpId }, 'webhook not applied; the hub sends it again');
      res.status(503).json({ error: 'Not applied now; send it again later' });
    }
  };
  return (router) => {
    // the signature covers the raw bytes: read before any JSON parser
    router.post('/webhooks', express.raw({ type: () => true, limit: MAX_BODY }), receive);
    // a body that cannot be read (too large, cut off) is the sender's problem, not an internal error
    router.use('/webhooks', ((error: { status?: number }, _req, res, next) => {
      if (res.headersSent) return next(error);
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
      res.status(status).json({ error: 'The body could not be read' });
    }) as ErrorRequestHandler);
  };
}
