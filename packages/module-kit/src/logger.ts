import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { readEnv } from './env';

export type { Logger };

/** Structured JSON logs (pino); LOG_LEVEL=silent in tests. */
export function createLogger(name: string): Logger {
  return pino({ name, level: readEnv(['LOG_LEVEL']).LOG_LEVEL });
}

const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane token, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

/** The request id `httpRequestLogger` gave this request (falls back to the header, or a new id). */
export function requestIdFor(req: IncomingMessage): string {
  const id = (req as IncomingMessage & { id?: unknown }).id;
  return typeof id === 'string' ? id : requestIdOf(req);
}

/**
 * One JSON line per HTTP request (`request completed`: method, path, status, time) under `requestId`: the
 * gateway's id, which it passes to subgraphs in `x-request-id`, so one request reads across every service's
 * log. Headers are not logged (they carry tokens). Sets `req.id` and answers the id in `x-request-id`.
 *
 * Written on pino directly rather than with pino-http: pino-http makes a child logger for every request, even
 * when its line is below the level, and that was the largest share of the gateway's own CPU on a small query
 * (`me`: 0.75× Hive Gateway with it, 0.93× without, same run). The line is built only when its level is on.
 */
export function httpRequestLogger(logger: Logger, options: { quietPaths?: string[] } = {}) {
  const quiet = new Set(options.quietPaths ?? ['/health', '/ready', '/metrics']);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const requestId = requestIdOf(req);
    (req as IncomingMessage & { id?: string }).id = requestId;
    res.setHeader('x-request-id', requestId);
    const url = req.url ?? '';
    if (!quiet.has(url.split('?')[0])) {
      const startedAt = performance.now();
      const done = (aborted: boolean) => {
        // a client that goes away (a closed app, a load generator stopping) is not the server's fault: info, as a success
        const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        logger[level](
          { requestId, req: { method: req.method, url }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - startedAt) },
          aborted ? 'request aborted' : 'request completed',
        );
      };
      // one listener: 'close' follows 'finish', and comes alone when the client went away first
      res.once('close', () => done(!res.writableFinished));
    }
    next();
  };
}

interface LazyLoggerFields {
  makeLogger: () => Logger;
  madeLogger?: Logger;
}

/** `logger` as a getter on the prototype: an own getter is called by any copy (below), a prototype's is not. */
const LAZY_LOGGER = Object.defineProperty({}, 'logger', {
  get(this: LazyLoggerFields): Logger {
    return (this.madeLogger ??= this.makeLogger());
  },
});

/**
 * A request context whose `logger` (a pino child with the request's bindings) is made on first use: most
 * requests log nothing at the usual levels, and making the child was a visible share of a small query's CPU.
 * Apollo Server copies the context for each operation (`Object.assign` onto an object of the same prototype),
 * which would call an own getter; this one is inherited, so the copy stays lazy.
 */
export function withRequestLogger<Fields extends object>(fields: Fields, makeLogger: () => Logger): Fields & { readonly logger: Logger } {
  return Object.assign(Object.create(LAZY_LOGGER) as { readonly logger: Logger }, fields, { makeLogger } satisfies LazyLoggerFields);
}
