import type { Router } from 'express';
import type * as BetterSse from 'better-sse' with { 'resolution-mode': 'import' };
import { errors, type Logger, type RouteKit } from '@corphub/module-kit';
import type { MessagesLoaders } from '../loaders';
import type { MessagesServices } from '../services';
import type { DeliveredEvent, MessageBus } from './message.bus';

// better-sse ships CommonJS as well, but its type declarations are ESM only
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createSession } = require('better-sse') as typeof BetterSse;
type Session = BetterSse.Session;

/** A comment line this often keeps proxies from closing an idle stream and tells a client the stream is alive. */
export const HEARTBEAT_MS = 15_000;

interface Stream {
  session: Session;
  end(): void;
}

let open = 0;

/** Live streams open in this process (all servers): for tests and metrics. */
export function openStreamCount(): number {
  return open;
}

/**
 * `GET /messages/stream`: Server-Sent Events for the signed-in person (an employee token, or an admin's with a
 * unionId), at the gateway's host (the gateway forwards `/messages` with the verified context). Events:
 * `ready` `{ unreadCount }` once connected, then `message` `{ id, appId, title, body, bodyHtml, format, link,
 * priority, createdAt }` (SSE id = message id) for each message delivered to them, from any replica (bus).
 * A heartbeat comment every 15 s; a closed connection is dropped at once.
 */
export class LiveStreams {
  private readonly sessions = new Map<string, Set<Stream>>();
  private readonly unsubscribe: () => void;

  constructor(bus: MessageBus, private readonly logger: Logger, private readonly heartbeatMs = HEARTBEAT_MS) {
    this.unsubscribe = bus.subscribe((event) => this.deliver(event));
  }

  routes(router: Router, kit: RouteKit<MessagesLoaders, MessagesServices>): void {
    router.get('/messages/stream', async (req, res, next) => {
      try {
        const { auth, loaders } = await kit.context(req);
        if (!auth.unionId) throw errors.FORBIDDEN('The live feed is a person’s: sign in with an employee token (or an admin token with a unionId)');
        const unreadCount = await loaders.unreadCount(null);
        const session = await createSession(req, res, { keepAlive: this.heartbeatMs, retry: 3000, headers: { 'x-accel-buffering': 'no' } });
        const key = `${auth.corpId}|${auth.unionId}`;
        const stream: Stream = { session, end: () => res.end() };
        const own = this.sessions.get(key) ?? new Set<Stream>();
        this.sessions.set(key, own.add(stream));
        open++;
        session.once('disconnected', () => {
          open--;
          own.delete(stream);
          if (!own.size && this.sessions.get(key) === own) this.sessions.delete(key);
        });
        session.push({ unreadCount }, 'ready');
      } catch (error) {
        next(error);
      }
    });
  }

  private deliver({ corpId, recipients, message }: DeliveredEvent): void {
    for (const unionId of recipients) {
      for (const { session } of this.sessions.get(`${corpId}|${unionId}`) ?? []) {
        try {
          if (session.isConnected) session.push(message, 'message', message.id);
        } catch (error) {
          this.logger.debug({ err: error }, 'live message to a closing stream dropped');
        }
      }
    }
  }

  /** Ends every stream (clients reconnect to another replica) and stops listening. */
  closeAll(): void {
    this.unsubscribe();
    for (const own of [...this.sessions.values()]) for (const stream of [...own]) stream.end();
    this.sessions.clear();
  }
}
