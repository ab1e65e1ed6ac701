import type { ErrorRequestHandler, RequestHandler } from 'express';
import cors from 'cors';
import type { GatewayMetrics } from './plugins/use-metrics';

/** CORS for the origins in CORPHUB_CORS_ORIGINS (`*`: any); none listed: browsers may call from the same origin only. */
export function corsFor(origins: string[]): RequestHandler {
  if (!origins.length) return (_req, _res, next) => next();
  return cors({
    origin: origins.includes('*') ? true : origins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  });
}

/** A body over CORPHUB_MAX_BODY_BYTES is refused (413) before it is parsed, with a GraphQL error body. */
export function refuseOversizedBodies(metrics: GatewayMetrics): ErrorRequestHandler {
  return (error: { type?: string; limit?: number }, _req, res, next) => {
    if (error?.type !== 'entity.too.large') {
      next(error);
      return;
    }
    metrics.requests.inc({ operation: '(unparsed)', outcome: 'refused' });
    metrics.errors.inc({ code: 'REQUEST_TOO_LARGE' });
    res.status(413).json({
      errors: [{ message: `Request body is larger than the limit of ${error.limit} bytes`, extensions: { code: 'REQUEST_TOO_LARGE', limit: error.limit } }],
    });
  };
}
