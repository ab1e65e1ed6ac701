import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler } from 'express';
import cors from 'cors';
import type { GatewayMetrics } from './plugins/use-metrics';

type CorsHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * CORS for the origins in CORPHUB_CORS_ORIGINS (`*`: any); none listed: browsers may call from the same origin
 * only. On node:http's objects as on Express's (the `cors` package needs nothing of Express); synchronous, since
 * its options are fixed.
 */
export function corsFor(origins: string[]): CorsHandler {
  if (!origins.length) return (_req, _res, next) => next?.();
  const handler = cors({
    origin: origins.includes('*') ? true : origins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  });
  return (req, res, next) => handler(req, res, next ?? (() => undefined));
}

/** Counted alike whichever path refused the body. */
export function countRefusedBody(metrics: GatewayMetrics): void {
  metrics.requests.inc({ operation: '(unparsed)', outcome: 'refused' });
  metrics.errors.inc({ code: 'REQUEST_TOO_LARGE' });
}

/** A body over CORPHUB_MAX_BODY_BYTES is refused (413) before it is parsed, with a GraphQL error body. */
export function refuseOversizedBodies(metrics: GatewayMetrics): ErrorRequestHandler {
  return (error: { type?: string; limit?: number }, _req, res, next) => {
    if (error?.type !== 'entity.too.large') {
      next(error);
      return;
    }
    countRefusedBody(metrics);
    res.status(413).json({
      errors: [{ message: `Request body is larger than the limit of ${error.limit} bytes`, extensions: { code: 'REQUEST_TOO_LARGE', limit: error.limit } }],
    });
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a request path is refused before it is forwarded or used as an id, if it is: a broken percent-escape,
 * or a NUL or lone surrogate once decoded, which no id or file name has (PostgreSQL refuses NUL in text: a 500).
 */
export function malformedPathReason(url: string): string | undefined {
  const path = url.split('?', 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a lone surrogate percent-encoded as UTF-8 (%ED%A0%80) is not UTF-8 either
    return 'The URL path has an invalid percent-encoding';
  }
  if (decoded.includes('\0')) return 'The URL path contains a NUL character';
  if (LONE_SURROGATE.test(decoded)) return 'The URL path contains a lone surrogate';
  return undefined;
}
