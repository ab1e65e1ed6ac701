import { Router } from 'express';
import { metricsHandler } from '@corphub/module-kit/core';
import type { GatewayMetrics } from '../plugins/use-metrics';

/** Prometheus scrape endpoint; with CORPHUB_METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
export function metricsRoute(metrics: GatewayMetrics, token?: string): Router {
  return Router().get('/metrics', metricsHandler(metrics.registry, token));
}
