import { Router } from 'express';
import { checkSubgraphs } from '../health';

/**
 * `/health` (liveness): answers while the gateway runs, and says how each subgraph is.
 * `/ready` (readiness): 200 once the supergraph is loaded and every subgraph answers, 503 before.
 */
export function healthRoutes(subgraphUrls: Record<string, string>, supergraphLoaded: () => boolean): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    res.json(await checkSubgraphs(subgraphUrls));
  });
  router.get('/ready', async (_req, res) => {
    const health = await checkSubgraphs(subgraphUrls);
    const loaded = supergraphLoaded();
    res.status(health.status === 'ok' && loaded ? 200 : 503).json({ ...health, supergraph: loaded ? 'loaded' : 'not loaded' });
  });
  return router;
}
