import { timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { bearerToken } from '../auth/tokens';
import type { GatewayMetrics } from '../plugins/use-metrics';

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** The request carries `Authorization: Bearer <CORPHUB_METRICS_TOKEN>` (never true while no token is set). */
export function hasMetricsToken(req: Request, token: string | undefined): boolean {
  return token !== undefined && sameToken(bearerToken(req.header('authorization')), token);
}

/** Prometheus scrape endpoint; with CORPHUB_METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
export function metricsRoute(metrics: GatewayMetrics, token?: string): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token && !hasMetricsToken(req, token)) {
      res.status(401).type('text/plain').send('metrics need Authorization: Bearer <CORPHUB_METRICS_TOKEN>\n');
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
