import { Router } from 'express';
import { checkSubgraphs, publicHealth } from '../health';
import { hasMetricsToken } from '@corphub/module-kit/core';

/**
 * `/health` (liveness): answers while the gateway runs, `ok` or `degraded`.
 * `/ready` (readiness): 200 once the supergraph is loaded and every subgraph answers, 503 before.
 * Each subgraph's status, URL and latency, which are the hub's insides, only for the metrics token.
 */
export function healthRoutes(subgraphUrls: Record<string, string>, supergraphLoaded: () => boolean, metricsToken: string | undefined): Router {
  const router = Router();
  router.get('/health', async (req, res) => {
    const health = await checkSubgraphs(subgraphUrls);
    res.json(hasMetricsToken(req.header('authorization'), metricsToken) ? health : publicHealth(health));
  });
  router.get('/ready', async (req, res) => {
    const health = await checkSubgraphs(subgraphUrls);
    const loaded = supergraphLoaded();
    const supergraph = loaded ? 'loaded' : 'not loaded';
    res.status(health.status === 'ok' && loaded ? 200 : 503).json(hasMetricsToken(req.header('authorization'), metricsToken) ? { ...health, supergraph } : { ...publicHealth(health), supergraph });
  });
  return router;
}
