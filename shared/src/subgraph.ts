import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import type { MikroORM, EntityManager } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, createResolversMap, type AuthChecker, type NonEmptyArray } from 'type-graphql';
import { CONTEXT_HEADER, requireRole, verifyInternalContext, type AuthContext, type Role } from './auth';
import { readSecurityConfig, type SecurityConfig } from './config';
import { createFormatError } from './errors';
import { createLogger, httpRequestLogger, requestIdFor, type Logger } from './logger';
import { scopeToCorp } from './tenant';
import { validateInput } from './validation';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<Loaders = unknown> {
  auth: AuthContext;
  /** A per-request fork, scoped to the caller's corp. */
  em: EntityManager;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
}

/** Resolves an entity reference from another subgraph, through a request-scoped DataLoader. */
export type ReferenceResolver = (reference: never, context: never) => unknown;

/** The Federation 2 directives subgraphs may use. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])\n`;

const authChecker: AuthChecker<SubgraphContext, Role> = ({ context }, roles) => {
  requireRole(context.auth, roles);
  return true;
};

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** Entity stubs this subgraph extends but never returns from a root field. */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name. */
  references?: Record<string, ReferenceResolver>;
}

/**
 * type-graphql classes → Federation 2 subgraph schema: the classes' SDL (with their `@key`
 * directives) plus the federation `@link`, and type-graphql's resolvers with each
 * `__resolveReference` merged in.
 */
export async function buildFederatedSchema({ resolvers, orphanedTypes, references = {} }: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    orphanedTypes,
    skipCheck: true,
    authChecker,
    authMode: 'error',
    validateFn: validateInput,
    // instants are UTC `Date`s, printed as ISO 8601 strings
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
  const typeDefs = parse(FEDERATION_LINK + printSchemaWithDirectives(schema));
  const resolverMap = createResolversMap(schema) as Record<string, object>;
  for (const [typeName, resolveReference] of Object.entries(references)) {
    resolverMap[typeName] = { ...resolverMap[typeName], __resolveReference: resolveReference };
  }
  return buildSubgraphSchema({ typeDefs, resolvers: resolverMap as never });
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** What extra HTTP routes get: the same per-request context as `/graphql` resolvers. */
export interface RouteKit<Loaders> {
  /** Verifies the gateway's context header (throws UNAUTHENTICATED, answered 401) and scopes a fork to the caller's corp. */
  context(req: Request): Promise<SubgraphContext<Loaders>>;
  /** The same for a caller this route established otherwise (e.g. a signed link): scoped to `auth.corpId`. */
  contextFor(req: Request, auth: AuthContext): SubgraphContext<Loaders>;
}

/** HTTP status of an error a route throws: `extensions.http.status`, else by code. */
const STATUS_BY_CODE: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429 };

/**
 * Answers errors thrown by extra routes as JSON `{ error: { code, message, ...extensions } }`:
 * our GraphQLErrors keep their code and message, anything else is logged and answered 500 without details.
 */
function routeErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
      const { http, code, ...rest } = error.extensions as { http?: { status?: number }; code: string };
      res.status(http?.status ?? STATUS_BY_CODE[code] ?? 400).json({ error: { code, message: error.message, ...rest } });
      return;
    }
    logger.error({ err: error, requestId: requestIdFor(req) }, 'unexpected error in route');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
  };
}

export interface SubgraphServerOptions<Loaders> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  createLoaders: (em: EntityManager, auth: AuthContext) => Loaders;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  security?: SecurityConfig;
  logger?: Logger;
  /**
   * Extra HTTP routes beside `/graphql` and `/health` (the media subgraph's upload and download), with
   * the verified context at hand. Errors they throw (or pass to `next`) are answered as JSON.
   */
  routes?: (router: Router, kit: RouteKit<Loaders>) => void;
}

/** Idle keep-alive connections outlive a load balancer's (60 s) and a busy client's reuse of them. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function listen(server: http.Server, port: number, host?: string): Promise<number> {
  // Node's 5 s default races clients that reuse an idle socket just as the server closes it ("other side closed")
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Serves a subgraph over HTTP: `/graphql` answers only requests carrying a verified context that the
 * gateway signed; `/health` checks the database.
 */
export async function startSubgraphServer<Loaders>(options: SubgraphServerOptions<Loaders>): Promise<RunningServer> {
  const { name, schema, orm, createLoaders, port = 0, host } = options;
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const logger = options.logger ?? createLogger(name);
  const app = express();
  app.disable('x-powered-by');
  app.use(httpRequestLogger(logger));
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    includeStacktraceInErrorResponses: false,
    // the process owner (npm start, main.ts) stops servers in order on SIGINT/SIGTERM
    stopOnTerminationSignals: false,
    formatError: createFormatError((error) => logger.error({ err: error }, 'unexpected error in resolver')),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', subgraph: name });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'down', subgraph: name, reason: 'database unreachable' });
    }
  });
  const contextFor = (req: Request, auth: AuthContext): SubgraphContext<Loaders> => {
    const requestId = requestIdFor(req);
    const em = scopeToCorp(orm.em.fork(), auth.corpId);
    return { auth, em, loaders: createLoaders(em, auth), requestId, logger: logger.child({ requestId }) };
  };
  const context = async (req: Request) => contextFor(req, await verifyInternalContext(req.header(CONTEXT_HEADER), security.internalSecret));
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context: ({ req }) => context(req) }));
  if (options.routes) {
    const router = express.Router();
    options.routes(router, { context, contextFor });
    app.use(router, routeErrorHandler(logger));
  }

  const boundPort = await listen(httpServer, port, host);
  const url = `http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${boundPort}/graphql`;
  logger.debug({ url }, 'subgraph listening');
  return {
    url,
    port: boundPort,
    stop: async () => {
      await apollo.stop();
    },
  };
}
