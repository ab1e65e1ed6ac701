import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export type { Logger };

/** Structured JSON logs (pino); LOG_LEVEL=silent in tests. */
export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.LOG_LEVEL || 'info' });
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
 * One JSON line per HTTP request (method, path, status, time) under `requestId`: the gateway's id,
 * which it passes to subgraphs in `x-request-id`, so one request reads across every service's log.
 * Headers are not logged (they carry tokens). Sets `req.id` and answers the id in `x-request-id`.
 */
export function httpRequestLogger(logger: Logger, options: { quietPaths?: string[] } = {}) {
  const quiet = new Set(options.quietPaths ?? ['/health', '/ready', '/metrics']);
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req);
      res.setHeader('x-request-id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => quiet.has((req.url ?? '').split('?')[0]) },
  });
}
