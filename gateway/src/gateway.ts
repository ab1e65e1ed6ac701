import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import {
  CallerTokenVerifier,
  createFormatError,
  createLogger,
  httpRequestLogger,
  listen,
  readSecurityConfig,
  type Logger,
  type RunningServer,
  type SecurityConfig,
} from '@corphub/shared';
import { SubgraphDataSource } from './data-source';
import { contextFactory, type GatewayContext } from './context';
import { gatewayConfig, subgraphTimeout, type GatewayConfigOverrides } from './gateway-config';
import { corsFor, refuseOversizedBodies } from './http';
import { MeasuredQueryPlanCache } from './plugins/query-plan-cache';
import { useIntrospectionPolicy } from './plugins/use-introspection-policy';
import { GatewayMetrics, useMetrics } from './plugins/use-metrics';
import { usePersistedQueries } from './plugins/use-persisted-queries';
import { useQueryLimits } from './plugins/use-query-limits';
import { useRequestLogging } from './plugins/use-request-logging';
import { graphiqlRoutes } from './routes/graphiql';
import { healthRoutes } from './routes/health';
import { metricsRoute } from './routes/metrics';
import { subgraphHttpRoutes } from './routes/subgraph-http';
import { createScimRouter } from './scim';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides the supergraph's routing URLs, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  security?: SecurityConfig;
  /** Limits, timeouts, caches, CORS, GraphiQL: read from the environment, then these overrides. */
  config?: GatewayConfigOverrides;
  logger?: Logger;
}

export interface RunningGateway extends RunningServer {
  /** Where each subgraph is reached, as the gateway resolved it. */
  subgraphUrls: Record<string, string>;
  metrics: GatewayMetrics;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const security = options.security ?? readSecurityConfig();
  const config = gatewayConfig(options.config);
  const logger = options.logger ?? createLogger('gateway');
  const metrics = new GatewayMetrics();
  const subgraphUrls: Record<string, string> = {};
  // Apollo Gateway otherwise sends usage telemetry to Apollo and probes cloud metadata addresses at
  // construction: a hub works offline and calls no one it was not told to
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    queryPlannerConfig: { cache: new MeasuredQueryPlanCache(config.queryPlanCacheMiB, metrics) },
    buildService: ({ name, url }) => {
      subgraphUrls[name] = options.subgraphUrls?.[name] ?? url ?? '';
      return new SubgraphDataSource({ name, url: subgraphUrls[name], timeoutMs: subgraphTimeout(config, name), metrics, logger });
    },
  });

  const limits = useQueryLimits(config.limits);
  const persistedQueries = usePersistedQueries(config, logger);
  await persistedQueries.ready();
  const app = express();
  app.disable('x-powered-by');
  app.use(httpRequestLogger(logger));
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // the process owner (npm start, main.ts) stops servers in order on SIGINT/SIGTERM
    stopOnTerminationSignals: false,
    formatError: createFormatError((error) => logger.error({ err: error }, 'unexpected error in gateway')),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    persistedQueries: persistedQueries.options,
    introspection: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's landing page loads from a CDN; GraphiQL is served from our own node_modules instead
      ApolloServerPluginLandingPageDisabled(),
      useMetrics(metrics),
      useRequestLogging(),
      limits.plugin,
      persistedQueries.plugin,
      ...(config.restrictIntrospection ? [useIntrospectionPolicy()] : []),
    ],
  });
  // readiness needs the supergraph loaded (and, after a change, reloaded)
  let loaded = false;
  const unsubscribe = gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });
  await apollo.start();

  // CORS first, so that a preflight for /graphql never meets the GraphiQL GET route's automatic OPTIONS
  app.use('/graphql', corsFor(config.corsOrigins));
  app.use(healthRoutes(subgraphUrls, () => loaded));
  app.use(metricsRoute(metrics, config.metricsToken));
  if (config.graphiql) app.use(graphiqlRoutes('/graphql'));
  const verifier = new CallerTokenVerifier(security);
  app.use('/scim/v2', createScimRouter(security, logger.child({ component: 'scim' })));
  app.use(
    '/graphql',
    express.json({ limit: config.limits.maxBodyBytes }),
    refuseOversizedBodies(metrics),
    expressMiddleware(apollo, { context: contextFactory(verifier, security.internalSecret, logger) }),
  );
  // subgraphs' own HTTP routes (uploads and downloads, CSV exports, the live message stream): verified, streamed forwarding
  for (const subgraph of ['media', 'attendance', 'messages']) {
    app.use(`/${subgraph}`, subgraphHttpRoutes({ subgraph, verifier, internalSecret: security.internalSecret, subgraphUrl: () => subgraphUrls[subgraph], logger }));
  }

  const port = await listen(httpServer, options.port ?? 0, options.host);
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    subgraphUrls,
    metrics,
    stop: async () => {
      loaded = false;
      unsubscribe();
      await apollo.stop();
      await persistedQueries.close();
    },
  };
}
