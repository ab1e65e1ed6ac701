import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { bearerToken } from '../auth/tokens';
import type { GatewayMetrics } from '../plugins/use-metrics';

/** Prometheus scrape endpoint; with CORPHUB_METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
function sameToken(given: string | undefined, expected: string): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

export function metricsRoute(metrics: GatewayMetrics, token?: string): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token && !sameToken(bearerToken(req.header('authorization')), token)) {
      res.status(401).type('text/plain').send('metrics need Authorization: Bearer <CORPHUB_METRICS_TOKEN>\n');
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
