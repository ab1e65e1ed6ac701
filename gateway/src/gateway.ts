// first: before Apollo Gateway loads (apollo-exports.ts says why)
import './apollo-exports';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import {
  ConfigError,
  CONTEXT_KEYS_PATH,
  createFormatError,
  createLogger,
  createHttpServer,
  DEV_OIDC_SIGNING_KEY,
  graphqlPostHandler,
  listen,
  readSecurityConfig,
  type SecurityConfig,
} from '@corphub/module-kit/core';
import type {
  Logger,
  RunningServer,
  SubgraphManifest,
} from '@corphub/module-kit';
import { CallerTokenVerifier, ContextKeys } from './auth/tokens';
import { HubManifest } from './manifest';
import { SubgraphDataSource } from './data-source';
import { routingUrls } from './supergraph';
import { createSubgraphAgent } from './subgraph-fetcher';
import { installDirectAnswers } from './direct-answers';
import { CallerAccessResolver } from './access';
import { useAccessInvalidation } from './plugins/use-access-invalidation';
import { accessNotices } from './access-notices';
import { useAppInstallation } from './plugins/use-app-installation';
import { registryFetcher, RegistrySupergraphManager } from './registry-supergraph';
import { contextFactory, InternalContextSigner, type GatewayContext } from './context';
import { gatewayConfig, subgraphTimeout, type GatewayConfigOverrides } from './gateway-config';
import { corsFor, countRefusedBody, refuseOversizedBodies } from './http';
import { MeasuredQueryPlanCache } from './plugins/query-plan-cache';
import { useReadOnlyRoles } from './plugins/use-read-only-roles';
import { useIntrospectionPolicy } from './plugins/use-introspection-policy';
import { GatewayMetrics, useMetrics } from './plugins/use-metrics';
import { usePersistedQueries } from './plugins/use-persisted-queries';
import { useQueryLimits } from './plugins/use-query-limits';
import { useRequestLogging } from './plugins/use-request-logging';
import { graphiqlRoutes } from './routes/graphiql';
import { consoleRoutes } from './routes/console';
import { healthRoutes } from './routes/health';
import { metricsRoute } from './routes/metrics';
import { continueAfterChecks, subgraphHttpRoutes } from './routes/subgraph-http';
import { createScimRouter } from './scim';
import { inCallerTrace } from './tracing';
import { oauthRouter } from './oauth/oauth.router';
import { openIdConfiguration } from './oauth/discovery';
import { IdTokenSigner } from './oauth/id-tokens';

export interface GatewayOptions {
  /**
   * The core subgraphs' supergraph. Module subgraphs published to the registry are loaded on top of it, at
   * start and whenever a new one is published, without a restart.
   */
  supergraphSdl: string;
  /**
   * The hub manifest: which subgraphs are core, which HTTP routes each serves, and which provides the
   * registry, access, login and people-scope services (each subgraph's definition says; `manifestOf`).
   */
  subgraphs: readonly SubgraphManifest[] | HubManifest;
  /** Read the module registry (default true when a subgraph provides it). */
  registry?: boolean;
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
  /** The registry supergraph: its revision (0: core only) and a poll on demand. */
  supergraph: { revision(): number; pollNow(): Promise<void> };
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const security = options.security ?? readSecurityConfig();
  const config = gatewayConfig(options.config);
  const logger = options.logger ?? createLogger('gateway');
  const metrics = new GatewayMetrics({ operationLabels: config.metricsOperationLabels });
  const subgraphUrls: Record<string, string> = {};
  // Apollo Gateway otherwise sends usage telemetry to Apollo and probes cloud metadata addresses at
  // construction: a hub works offline and calls no one it was not told to
  // written, not read (Apollo Gateway reads it itself): the one place the hub sets a variable
  // eslint-disable-next-line no-restricted-properties
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  installDirectAnswers();
  const contextKeys = new ContextKeys(security);
  if (!security.oidcSigningKey && config.production) throw new ConfigError('The gateway needs CORPHUB_OIDC_SIGNING_KEY to sign ID tokens');
  const idTokens = new IdTokenSigner(security.oidcSigningKey ?? DEV_OIDC_SIGNING_KEY);
  const contexts = new InternalContextSigner(contextKeys.signing);
  const agent = createSubgraphAgent();
  let revision = 0;
  const manifest = options.subgraphs instanceof HubManifest ? options.subgraphs : new HubManifest(options.subgraphs);
  const registry = manifest.provider('registry');
  // the registry is read before the gateway has built its services, so from the given URLs or the supergraph's
  const baseUrls = { ...routingUrls(options.supergraphSdl), ...options.subgraphUrls };
  const manager =
    options.registry !== false && registry && baseUrls[registry]
      ? new RegistrySupergraphManager({
          baseSupergraphSdl: options.supergraphSdl,
          fetchLatest: registryFetcher(registry, () => baseUrls[registry], contexts),
          pollIntervalMs: config.registryPollMs,
          redisUrl: config.redisUrl,
          channel: config.registryChannel,
          logger: logger.child({ component: 'registry' }),
          onLoaded: (loadedRevision) => {
            revision = loadedRevision;
          },
        })
      : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: manager ?? options.supergraphSdl,
    queryPlannerConfig: { cache: new MeasuredQueryPlanCache(config.queryPlanCacheMiB, metrics) },
    buildService: ({ name, url }) => {
      subgraphUrls[name] = options.subgraphUrls?.[name] ?? url ?? '';
      return new SubgraphDataSource({ name, url: subgraphUrls[name], timeoutMs: subgraphTimeout(config, name), batchSize: config.subgraphBatchSize, metrics, logger, agent });
    },
  });

  const access = new CallerAccessResolver({
    subgraphUrl: (name) => subgraphUrls[name],
    manifest,
    contexts,
    ttlSeconds: config.accessCacheSeconds,
    logger,
  });
  const notices = accessNotices(access, { redisUrl: config.redisUrl, channel: config.accessChannel, logger });
  const limits = useQueryLimits(config.limits);
  const persistedQueries = usePersistedQueries(config, logger);
  await persistedQueries.ready();
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-* count only from the proxies configured (req.secure, req.ip); no URL the hub hands out uses them
  app.set('trust proxy', config.trustProxy);
  const { server: httpServer, answerFirst } = createHttpServer(app, logger);
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
      // installed by default and run on every request; no field has a cache hint and no trace is asked for
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      useMetrics(metrics, persistedQueries.isRegistered),
      useRequestLogging(logger),
      limits.plugin,
      persistedQueries.plugin,
      useAppInstallation(access),
      useReadOnlyRoles(),
      useAccessInvalidation(access, notices),
      ...(config.restrictIntrospection ? [useIntrospectionPolicy()] : []),
    ],
  });
  // readiness needs the supergraph loaded (and, after a change, reloaded)
  let loaded = false;
  const unsubscribe = gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });
  await apollo.start();

  const verifier = new CallerTokenVerifier(security);
  const context = contextFactory(verifier, contexts, logger, access);
  const cors = corsFor(config.corsOrigins);
  // the hot path, POST /graphql with JSON, on node:http ahead of Express (graphqlPostHandler says why)
  answerFirst(
    // the gateway's spans continue the caller's trace (traceparent) when tracing is on
    inCallerTrace(
      graphqlPostHandler(apollo, {
        path: '/graphql',
        maxBodyBytes: config.limits.maxBodyBytes,
        context,
        before: cors,
        onRefused: () => countRefusedBody(metrics),
        onError: (error) => logger.error({ err: error }, 'failed to answer a GraphQL request'),
      }),
    ),
  );
  const graphql = [express.json({ limit: config.limits.maxBodyBytes }), refuseOversizedBodies(metrics), expressMiddleware(apollo, { context: ({ req }) => context(req) })];
  // CORS first, so that a preflight for /graphql never meets the GraphiQL GET route's automatic OPTIONS
  app.use('/graphql', cors);
  app.use(healthRoutes(subgraphUrls, () => loaded, config.metricsToken));
  app.use(metricsRoute(metrics, config.metricsToken));
  // GET: GraphiQL for a browser, else a query in the URL
  // with the console served, GraphiQL signs in through it instead of asking for a pasted token
  if (config.graphiql) app.use(graphiqlRoutes('/graphql', config.consoleDir ? { signInPath: 'console/graphiql' } : {}));
  app.use('/graphql', ...graphql);
  if (config.consoleDir) app.use(consoleRoutes(config.consoleDir));
  // the vendor login (OpenID Connect, OAuth 2): protocol here, state in the `login` subgraph
  const loginSubgraph = manifest.provider('login');
  // the issuer and base of every URL the hub hands out: configuration, never a request's Host header
  let port = 0;
  const issuer = () => config.publicUrl ?? `http://localhost:${port}`;
  app.use('/scim/v2', createScimRouter(security, issuer, logger.child({ component: 'scim' })));
  app.use(
    '/oauth',
    oauthRouter({
      security,
      contexts,
      config: config.oauth,
      issuer,
      idTokens,
      callers: verifier,
      loginSubgraph,
      loginUrl: () => (loginSubgraph ? subgraphUrls[loginSubgraph] : undefined),
      // a grant was revoked (a replayed code or refresh token, a revocation): every replica refuses its tokens at once
      // (with Redis; without it, the others within the access cache's time)
      onGrantRevoked: (corpId) => notices.changed(corpId),
      logger: logger.child({ component: 'oauth' }),
    }),
  );
  app.get('/.well-known/openid-configuration', openIdConfiguration(issuer, idTokens.algorithm));
  // the public keys of the verified context (current, and next during a rotation), for subgraphs and vendor modules
  // (CORPHUB_CONTEXT_JWKS_URL); a short max-age, as a cache in between must not hide the next key for long
  const published = contextKeys.jwks();
  app.get(CONTEXT_KEYS_PATH, (_req, res) => {
    res.set('cache-control', 'public, max-age=60').json(published);
  });
  // subgraphs' own HTTP routes (uploads and downloads, CSV exports, the live message stream): verified, streamed forwarding
  for (const { route, subgraph } of manifest.routes()) {
    app.use(route, subgraphHttpRoutes({ subgraph, verifier, contexts, access, subgraphUrl: () => subgraphUrls[subgraph], logger, maxBodyBytes: config.maxUploadBytes }));
  }
  continueAfterChecks(
    httpServer,
    manifest.routes().map(({ route }) => route),
  );

  port = await listen(httpServer, options.port ?? 0, options.host);
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    subgraphUrls,
    metrics,
    supergraph: { revision: () => revision, pollNow: async () => manager?.pollNow() },
    stop: async () => {
      loaded = false;
      unsubscribe();
      await apollo.stop();
      await persistedQueries.close();
      await notices.stop();
      await agent.close();
    },
  };
}
