import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { defaultFieldResolver, GraphQLError, isObjectType, Kind, parse, visit, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema, type ObjectTypeDefinitionNode } from 'graphql';
import type { MikroORM, EntityManager } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, createResolversMap, type AuthChecker, type NonEmptyArray } from 'type-graphql';
import { CONTEXT_HEADER, ContextVerifier, requireRole, type AuthContext, type Role } from './auth';
import { readSecurityConfig, type SecurityConfig } from './config';
import { createFormatError, errors } from './errors';
import { createHttpServer, graphqlPostHandler, headerValue, listen } from './graphql-http';
import { createLogger, requestIdFor, withRequestLogger, type Logger } from './logger';
import { metricsHandler, operationLabelLimit, SubgraphMetrics, useSubgraphMetrics } from './metrics';
import { startSubgraphTracing } from './tracing';
import { scopeToCorp, scopeToPeople } from './tenant';
import { checkArgumentText, validateInput } from './validation';
import { analyzeDatabase, dialectOf } from './orm';
import { startPoller } from './poller';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<Loaders = unknown, Services = unknown> {
  auth: AuthContext;
  /** A per-request fork, scoped to the caller's corp. */
  em: EntityManager;
  /** This request's DataLoaders (`createLoaders(em, auth, services)`). */
  loaders: Loaders;
  /** The subgraph's per-process services (graph client, notifier, registry...), built once at start. */
  services: Services;
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
  /**
   * This subgraph is a module (an app a corp installs), answered only for corps that installed it. Its
   * root fields and the fields it adds to other subgraphs' entities are refused with MODULE_NOT_INSTALLED
   * otherwise, and are nullable in its SDL so that a refusal leaves the rest of a query standing.
   */
  module?: string;
}

/** Whether a caller's visibility scope (a vendor app's) lets them see this person. */
export function inScope(auth: AuthContext, unionId: string): boolean {
  if (!auth.scope) return true;
  let set = scopeSets.get(auth);
  if (!set) scopeSets.set(auth, (set = new Set(auth.scope)));
  return set.has(unionId);
}
const scopeSets = new WeakMap<AuthContext, Set<string>>();

/** The module gate: one check per field, on the verified context's list of installed modules. */
export function requireModule(auth: AuthContext, module: string): void {
  if (!auth.modules?.includes(module)) {
    throw errors.MODULE_NOT_INSTALLED(`Module "${module}" is not installed in corp "${auth.corpId}"`, { module });
  }
}

const ROOT_TYPES = new Set(['Query', 'Mutation']);
const FEDERATION_FIELDS = new Set(['_entities', '_service']);

/** A resolvable `@key` type's key field names (`@key(fields: "unionId")` → unionId); undefined for other types. */
function entityKeyFields(node: ObjectTypeDefinitionNode): Set<string> | undefined {
  let keys: Set<string> | undefined;
  for (const directive of node.directives ?? []) {
    if (directive.name.value !== 'key') continue;
    const resolvable = directive.arguments?.find((arg) => arg.name.value === 'resolvable');
    if (resolvable?.value.kind === Kind.BOOLEAN && !resolvable.value.value) continue;
    const fields = directive.arguments?.find((arg) => arg.name.value === 'fields');
    if (fields?.value.kind !== Kind.STRING) continue;
    keys ??= new Set();
    for (const name of fields.value.value.split(/[\s{}]+/)) if (name) keys.add(name);
  }
  return keys;
}

/** The fields a module gates: root fields, and the non-key fields of entities it extends. By type name. */
function moduleFields(typeDefs: DocumentNode): Map<string, Set<string>> {
  const gated = new Map<string, Set<string>>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const name = definition.name.value;
    const keys = ROOT_TYPES.has(name) ? new Set<string>() : entityKeyFields(definition as ObjectTypeDefinitionNode);
    if (!keys) continue;
    const fields = gated.get(name) ?? new Set<string>();
    // an @external field is the owner's (a module only reads it, for its @requires): neither gated nor made nullable
    const external = (field: { directives?: readonly { name: { value: string } }[] }) => field.directives?.some((directive) => directive.name.value === 'external');
    for (const field of definition.fields ?? []) if (!keys.has(field.name.value) && !FEDERATION_FIELDS.has(field.name.value) && !external(field)) fields.add(field.name.value);
    gated.set(name, fields);
  }
  return gated;
}

/** Makes the gated fields nullable, so that a refused field is null with its error and its parent stays. */
function nullableFields(typeDefs: DocumentNode, gated: Map<string, Set<string>>): DocumentNode {
  return visit(typeDefs, {
    FieldDefinition: (field, _key, _parent, _path, ancestors) => {
      const owner = ancestors[ancestors.length - 1] as { name?: { value: string } } | undefined;
      if (!owner?.name || !gated.get(owner.name.value)?.has(field.name.value)) return undefined;
      return field.type.kind === Kind.NON_NULL_TYPE ? { ...field, type: field.type.type } : undefined;
    },
  });
}

/**
 * type-graphql classes → Federation 2 subgraph schema: the classes' SDL (with their `@key`
 * directives) plus the federation `@link`, and type-graphql's resolvers with each
 * `__resolveReference` merged in.
 */
export async function buildFederatedSchema({ resolvers, orphanedTypes, references = {}, module }: FederatedSchemaOptions): Promise<GraphQLSchema> {
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
  let typeDefs = parse(FEDERATION_LINK + printSchemaWithDirectives(schema));
  const gated = module ? moduleFields(typeDefs) : undefined;
  if (gated) typeDefs = nullableFields(typeDefs, gated);
  const resolverMap = createResolversMap(schema) as Record<string, object>;
  // people-keyed entities (Person, Employee) without a resolver of their own get the stub's: the reference itself
  const entityResolvers: Record<string, ReferenceResolver> = { ...references };
  for (const typeName of peopleKeyedTypes(typeDefs)) entityResolvers[typeName] ??= ((reference: unknown) => reference) as ReferenceResolver;
  for (const [typeName, resolveReference] of Object.entries(entityResolvers)) {
    const keyedOnPeople = entityKeysOf(typeDefs, typeName)?.has('unionId');
    resolverMap[typeName] = { ...resolverMap[typeName], __resolveReference: keyedOnPeople ? withinScope(resolveReference) : resolveReference };
  }
  const subgraph = buildSubgraphSchema({ typeDefs, resolvers: resolverMap as never });
  refuseUnstorableText(subgraph);
  if (module && gated) gateModule(subgraph, module, gated);
  return subgraph;
}

function peopleKeyedTypes(typeDefs: DocumentNode): string[] {
  return typeDefs.definitions.flatMap((definition) =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION && entityKeyFields(definition)?.has('unionId') ? [definition.name.value] : [],
  );
}

function entityKeysOf(typeDefs: DocumentNode, typeName: string): Set<string> | undefined {
  const node = typeDefs.definitions.find((definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === typeName);
  return node ? entityKeyFields(node as ObjectTypeDefinitionNode) : undefined;
}

/**
 * A person outside a scoped app's visibility is unknown to every subgraph: their reference resolves to
 * null, so no subgraph adds fields (module data, identity details) to them.
 */
function withinScope(resolveReference: ReferenceResolver): ReferenceResolver {
  const scoped = (reference: { unionId?: unknown }, context: SubgraphContext) => {
    if (typeof reference.unionId === 'string' && !inScope(context.auth, reference.unionId)) return null;
    return (resolveReference as (reference: unknown, context: unknown) => unknown)(reference, context);
  };
  return scoped;
}

/**
 * Every field that takes arguments refuses strings no database stores (a NUL, which PostgreSQL rejects in
 * text; a lone surrogate) with BAD_USER_INPUT naming the argument path, before its resolver runs: one
 * check for every subgraph, so none writes half a change or answers a database error as a 500.
 */
function refuseUnstorableText(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        checkArgumentText(args);
        return resolve(source, args, context, info);
      };
    }
  }
}

/** Wraps every gated field's resolver with the module check, in the built subgraph schema itself. */
function gateModule(schema: GraphQLSchema, module: string, gated: Map<string, Set<string>>): void {
  for (const [typeName, fieldNames] of gated) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const name of fieldNames) {
      const field = fields[name];
      if (!field) continue;
      const resolve: GraphQLFieldResolver<unknown, SubgraphContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: SubgraphContext, info) => {
        requireModule(context.auth, module);
        return resolve(source, args, context, info);
      };
    }
  }
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** What extra HTTP routes get: the same per-request context as `/graphql` resolvers. */
export interface RouteKit<Loaders, Services = unknown> {
  /** Verifies the gateway's context header (throws UNAUTHENTICATED, answered 401) and scopes a fork to the caller's corp. */
  context(req: IncomingMessage): Promise<SubgraphContext<Loaders, Services>>;
  /** The same for a caller this route established otherwise (e.g. a signed link): scoped to `auth.corpId`. */
  contextFor(req: IncomingMessage, auth: AuthContext): SubgraphContext<Loaders, Services>;
}

/** HTTP status of an error a route throws: `extensions.http.status`, else by code. */
const STATUS_BY_CODE: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, MODULE_NOT_INSTALLED: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429 };

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

export interface SubgraphServerOptions<Loaders, Services> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  /** Per-process services, handed to every request's context and to `createLoaders`. */
  services: Services;
  /** One set of DataLoaders per request. */
  createLoaders: (em: EntityManager, auth: AuthContext, services: Services) => Loaders;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  security?: SecurityConfig;
  logger?: Logger;
  /**
   * Extra HTTP routes beside `/graphql` and `/health` (the media subgraph's upload and download), with
   * the verified context at hand. Errors they throw (or pass to `next`) are answered as JSON.
   */
  routes?: (router: Router, kit: RouteKit<Loaders, Services>) => void;
  /** This subgraph is this module: its `routes` are refused (MODULE_NOT_INSTALLED) for corps without it. */
  module?: string;
  /** Distinct operation names with a metric label of their own (default CORPHUB_METRICS_OPERATION_LABELS, 100). */
  metricsOperationLabels?: number;
  /** The subgraph package's version: OpenTelemetry's `service.version` (defineSubgraph passes it to `createServer`). */
  serviceVersion?: string;
}

/** A started subgraph server; `metrics` is what it serves at `/metrics`. */
export interface RunningSubgraphServer extends RunningServer {
  metrics: SubgraphMetrics;
}

/** Largest request head a subgraph accepts (the verified context with a scope's UnionIDs is the large part). */
export const MAX_CONTEXT_HEADER_BYTES = 1024 * 1024;

/** Largest GraphQL request body a subgraph accepts (the gateway's own limit is lower). */
const MAX_BODY_BYTES = 1024 * 1024;

/** How often a subgraph on SQLite refreshes its planner statistics (`analyzeDatabase`), as its tables grow. */
const SQLITE_STATISTICS_MS = 60 * 60 * 1000;

/**
 * Serves a subgraph over HTTP: `/graphql` answers only requests carrying a verified context that the
 * gateway signed; `/health` checks the database; `/metrics` is Prometheus text (with CORPHUB_METRICS_TOKEN set,
 * only for that bearer token, as at the gateway).
 */
export async function startSubgraphServer<Loaders, Services>(options: SubgraphServerOptions<Loaders, Services>): Promise<RunningSubgraphServer> {
  const { name, schema, orm, services, createLoaders, port = 0, host } = options;
  const security = options.security ?? readSecurityConfig(undefined, 'subgraph');
  const logger = options.logger ?? createLogger(name);
  const metrics = new SubgraphMetrics(name, { operationLabels: options.metricsOperationLabels ?? operationLabelLimit() });
  const tracing = startSubgraphTracing(name, options.serviceVersion);
  const app = express();
  app.disable('x-powered-by');
  // the verified context carries a scoped app's UnionIDs (about 30 bytes each): room for tens of thousands
  const { server: httpServer, answerFirst } = createHttpServer(app, logger, { maxHeaderSize: MAX_CONTEXT_HEADER_BYTES });
  const apollo = new ApolloServer<SubgraphContext<Loaders, Services>>({
    schema,
    includeStacktraceInErrorResponses: false,
    // the gateway sends a caller's reads of one query together (a JSON array): they run side by side under the
    // one verified context of that request, sharing its entity manager and loaders
    allowBatchedHttpRequests: true,
    // the process owner (npm start, main.ts) stops servers in order on SIGINT/SIGTERM
    stopOnTerminationSignals: false,
    formatError: createFormatError((error) => logger.error({ err: error }, 'unexpected error in resolver')),
    // no field has a cache hint (the cache-control plugin would run on every field for nothing); no trace is asked for
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      useSubgraphMetrics(metrics),
      ...(tracing ? [tracing.plugin] : []),
    ],
  });
  await apollo.start();
  const statistics = dialectOf(orm.em) === 'sqlite' ? startPoller({ name: 'planner statistics', intervalMs: SQLITE_STATISTICS_MS, run: () => analyzeDatabase(orm).then(() => false), logger }) : undefined;

  app.get('/health', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', subgraph: name });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'down', subgraph: name, reason: 'database unreachable' });
    }
  });
  app.get('/metrics', metricsHandler(metrics.registry, security.metricsToken));
  const contextFor = (req: IncomingMessage, auth: AuthContext): SubgraphContext<Loaders, Services> => {
    const requestId = requestIdFor(req);
    const em = scopeToPeople(scopeToCorp(orm.em.fork(), auth.corpId), auth.scope);
    return withRequestLogger({ auth, em, loaders: createLoaders(em, auth, services), services, requestId }, () => logger.child({ requestId }));
  };
  const verifier = new ContextVerifier(security, name);
  const context = async (req: IncomingMessage) => contextFor(req, await verifier.verify(headerValue(req, CONTEXT_HEADER)));
  // a module's own HTTP routes (CSV exports) are the module's too: refused for corps that did not install it
  const routeContext = async (req: IncomingMessage) => {
    const ctx = await context(req);
    if (options.module) requireModule(ctx.auth, options.module);
    return ctx;
  };
  answerFirst(graphqlPostHandler(apollo, { path: '/graphql', maxBodyBytes: MAX_BODY_BYTES, context, onError: (error) => logger.error({ err: error }, 'failed to answer a GraphQL request') }));
  // the rest of /graphql (GET, other encodings) through Express
  app.use('/graphql', express.json({ limit: MAX_BODY_BYTES }), expressMiddleware(apollo, { context: ({ req }) => context(req) }));
  if (options.routes) {
    const router = express.Router();
    options.routes(router, { context: routeContext, contextFor });
    app.use(router, routeErrorHandler(logger));
  }

  const boundPort = await listen(httpServer, port, host);
  const url = `http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${boundPort}/graphql`;
  logger.debug({ url }, 'subgraph listening');
  return {
    url,
    port: boundPort,
    metrics,
    stop: async () => {
      await apollo.stop();
      await statistics?.stop();
      await tracing?.shutdown();
    },
  };
}
