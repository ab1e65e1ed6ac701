import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloGateway } from '@apollo/gateway';
import { CallerTokenVerifier, createFormatError, createLogger, listen, readSecurityConfig, type Logger, type RunningServer, type SecurityConfig } from '@corphub/shared';
import { VerifiedContextDataSource } from './data-source';
import { contextFactory, type GatewayContext } from './context';
import { checkSubgraphs } from './health';
import { mediaRoutes } from './routes/media';
import { createScimRouter } from './scim';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides the supergraph's routing URLs, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  security?: SecurityConfig;
  logger?: Logger;
}

export interface RunningGateway extends RunningServer {
  /** Where each subgraph is reached, as the gateway resolved it. */
  subgraphUrls: Record<string, string>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const security = options.security ?? readSecurityConfig();
  const logger = options.logger ?? createLogger('gateway');
  const subgraphUrls: Record<string, string> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      subgraphUrls[name] = options.subgraphUrls?.[name] ?? url ?? '';
      return new VerifiedContextDataSource({ url: subgraphUrls[name] });
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // the process owner (npm start, main.ts) stops servers in order on SIGINT/SIGTERM
    stopOnTerminationSignals: false,
    formatError: createFormatError((error) => logger.error({ err: error }, 'unexpected error in gateway')),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  // liveness: answers while the gateway runs, and says how each subgraph is
  app.get('/health', async (_req, res) => {
    res.json(await checkSubgraphs(subgraphUrls));
  });
  // readiness: 503 until every subgraph answers
  app.get('/ready', async (_req, res) => {
    const health = await checkSubgraphs(subgraphUrls);
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });
  const verifier = new CallerTokenVerifier(security);
  app.use('/scim/v2', createScimRouter(security, logger.child({ component: 'scim' })));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: contextFactory(verifier, security.internalSecret, logger) }),
  );
  app.use('/media', mediaRoutes({ verifier, internalSecret: security.internalSecret, mediaSubgraphUrl: () => subgraphUrls.media, logger }));
  // the attendance CSV export (GET /attendance/...): the same verified, streamed forwarding as /media
  app.use('/attendance', mediaRoutes({ verifier, internalSecret: security.internalSecret, mediaSubgraphUrl: () => subgraphUrls.attendance, logger }));

  const port = await listen(httpServer, options.port ?? 0, options.host);
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    subgraphUrls,
    stop: async () => {
      await apollo.stop();
    },
  };
}
