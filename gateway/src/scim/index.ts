/**
 * SCIM 2.0 provisioning (RFC 7643/7644), what IdPs such as Okta and Entra ID speak, mounted
 * by the gateway at /scim/v2. Users are the graph's people and their employee records (one UnionID);
 * Groups are departments. Every operation goes through the graph with the caller's own token, so SCIM obeys the same
 * tenant scope, roles and validation as any GraphQL client.
 *
 * Not built on SCIMMY (checked, 1.3.5): its resources are process-wide classes with declared handlers, where
 * every call here needs the caller's own graph client; its filter matcher compares strings case-sensitively
 * whatever the schema's caseExact says (`userName eq "Ann@x"` misses `ann@x`); its PATCH refuses Entra's
 * `"value": "False"` for `active` and a value filter whose type differs in case. scim2-parse-filter parses the
 * filters; schemas.ts, filter.ts and patch.ts hold the rest of the standard.
 */
import { Router, json, type Request, type Response, type NextFunction } from 'express';
import { createLogger, requestIdFor, Role, type SecurityConfig } from '@corphub/module-kit/core';
import type { Logger } from '@corphub/module-kit';
import { bearerToken, CallerTokenVerifier } from '../auth/tokens';
import { malformedPathReason } from '../http';
import { GraphClient } from './graph-client';
import { badRequest, errorCodeStatus, ScimError } from './scim-error';
import { listResponse, pagingOf } from './list';
import { project, projectionOf, shows, type Projection } from './projection';
import { assertSchema, type Resource } from './patch';
import { GROUP_RESOURCE, RESOURCE_TYPES, resourceTypeResource, SCHEMAS, schemaResource, serviceProviderConfig, USER_RESOURCE, type ResourceType } from './schemas';
import { Users } from './users';
import { Groups } from './groups';

const SCIM_CONTENT_TYPE = 'application/scim+json';
const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

interface ScimLocals {
  users: Users;
  groups: Groups;
  base: string;
}

interface Answer {
  status: number;
  body?: unknown;
  /** For a created resource: its URI, the `Location` header (RFC 7644 §3.3). */
  location?: string;
}

/** The gateway's own /graphql, reached through the socket this request came in on. */
function graphqlUrlOf(req: Request): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}/graphql`;
}

function send(res: Response, { status, body, location }: Answer): void {
  res.status(status).type(SCIM_CONTENT_TYPE);
  if (location) res.setHeader('location', location);
  if (body === undefined) res.end();
  else res.send(JSON.stringify(body));
}

/** A resource, or a list of them, with only the attributes asked for. */
function projected(body: unknown, projection: Projection): unknown {
  const list = body as { Resources?: Resource[] };
  if (Array.isArray(list.Resources)) return { ...list, Resources: list.Resources.map((resource) => project(resource, projection)) };
  return project(body as Resource, projection);
}

/** `/ResourceTypes` and `/Schemas` cannot be filtered (RFC 7644 §4: 403, so that no one takes a filter as applied). */
function discovery<T extends { id: string }>(req: Request, all: T[]): Answer {
  if (req.query.filter !== undefined) throw new ScimError(403, 'Discovery endpoints take no filter');
  return { status: 200, body: listResponse(all, all.length, { startIndex: 1, count: all.length }) };
}

function oneOf<T extends { id: string }>(all: T[], id: string, what: string): Answer {
  const found = all.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  if (!found) throw new ScimError(404, `No ${what} "${id}"`);
  return { status: 200, body: found };
}

/**
 * @param publicBase the gateway's public base URL (CORPHUB_PUBLIC_URL, else its own URL): resources' `Location`
 *   and `meta.location` are built on it, never on the request's Host header, which the caller chooses.
 */
export function createScimRouter(security: SecurityConfig, publicBase: () => string, logger: Logger = createLogger('scim')): Router {
  const verifier = new CallerTokenVerifier(security);
  const router = Router();
  router.use(json({ type: ['application/scim+json', 'application/json'], limit: '1mb' }));

  // a corp admin's bearer token: it names the corp, and is what the graph is called with
  router.use((req: Request, res: Response, next: NextFunction) => {
    const malformed = malformedPathReason(req.originalUrl);
    if (malformed) {
      next(badRequest(malformed));
      return;
    }
    const token = bearerToken(req.header('authorization'));
    verifier
      .verify(token)
      .then((auth) => {
        if (auth.role !== Role.ADMIN) throw new ScimError(403, `SCIM needs a corp admin token; this one is ${auth.role}`);
        const graph = new GraphClient(graphqlUrlOf(req), token!, requestIdFor(req));
        const base = `${publicBase()}${req.baseUrl}`;
        res.locals.scim = { users: new Users(graph, base), groups: new Groups(graph, base), base } satisfies ScimLocals;
        next();
      })
      .catch((error: unknown) => next(error instanceof ScimError ? error : new ScimError(401, (error as Error).message)));
  });

  const handle = (run: (req: Request, scim: ScimLocals) => Promise<Answer> | Answer) => (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => run(req, res.locals.scim as ScimLocals))
      .then((answer) => send(res, answer), next);
  };
  /** A resource endpoint: `attributes`/`excludedAttributes` from the query shape every answer (RFC 7644 §3.9). */
  const resource = (type: ResourceType, run: (req: Request, scim: ScimLocals, projection: Projection) => Promise<Answer>) =>
    handle(async (req, scim) => {
      const projection = projectionOf(req.query, type);
      const answer = await run(req, scim, projection);
      return answer.body === undefined ? answer : { ...answer, body: projected(answer.body, projection) };
    });
  const created = (body: Resource): Answer => ({ status: 201, body, location: (body.meta as { location: string }).location });
  const id = (req: Request) => String(req.params.id);

  router.get('/ServiceProviderConfig', handle((_req, { base }) => ({ status: 200, body: serviceProviderConfig(base) })));
  router.get('/ResourceTypes', handle((req, { base }) => discovery(req, RESOURCE_TYPES.map((type) => resourceTypeResource(type, base)))));
  router.get('/ResourceTypes/:id', handle((req, { base }) => oneOf(RESOURCE_TYPES.map((type) => resourceTypeResource(type, base)), id(req), 'resource type')));
  router.get('/Schemas', handle((req, { base }) => discovery(req, SCHEMAS.map((schema) => schemaResource(schema, base)))));
  router.get('/Schemas/:id', handle((req, { base }) => oneOf(SCHEMAS.map((schema) => schemaResource(schema, base)), id(req), 'schema')));

  router.get('/Users', resource(USER_RESOURCE, async (req, { users }) => ({ status: 200, body: await users.list(req.query.filter, pagingOf(req.query)) })));
  router.post('/Users/.search', handle(async (req, { users }) => search(req.body, USER_RESOURCE, (body) => users.list(body.filter, pagingOf(body)))));
  router.post('/Users', resource(USER_RESOURCE, async (req, { users }) => created(await users.create(req.body))));
  router.get('/Users/:id', resource(USER_RESOURCE, async (req, { users }) => ({ status: 200, body: await users.get(id(req)) })));
  router.put('/Users/:id', resource(USER_RESOURCE, async (req, { users }) => ({ status: 200, body: await users.replace(id(req), req.body) })));
  router.patch('/Users/:id', resource(USER_RESOURCE, async (req, { users }) => ({ status: 200, body: await users.patch(id(req), req.body) })));
  router.delete('/Users/:id', handle(async (req, { users }) => (await users.remove(id(req)), { status: 204 })));

  router.get('/Groups', resource(GROUP_RESOURCE, async (req, { groups }, projection) => ({ status: 200, body: await groups.list(req.query.filter, pagingOf(req.query), shows(projection, 'members')) })));
  router.post('/Groups/.search', handle(async (req, { groups }) => search(req.body, GROUP_RESOURCE, (body, projection) => groups.list(body.filter, pagingOf(body), shows(projection, 'members')))));
  router.post('/Groups', resource(GROUP_RESOURCE, async (req, { groups }) => created(await groups.create(req.body))));
  router.get('/Groups/:id', resource(GROUP_RESOURCE, async (req, { groups }, projection) => ({ status: 200, body: await groups.get(id(req), shows(projection, 'members')) })));
  router.put('/Groups/:id', resource(GROUP_RESOURCE, async (req, { groups }) => ({ status: 200, body: await groups.replace(id(req), req.body) })));
  router.patch('/Groups/:id', resource(GROUP_RESOURCE, async (req, { groups }) => ({ status: 200, body: await groups.patch(id(req), req.body) })));
  router.delete('/Groups/:id', handle(async (req, { groups }) => (await groups.remove(id(req)), { status: 204 })));
  router.use((_req: Request, _res: Response, next: NextFunction) => next(new ScimError(404, 'No such SCIM endpoint')));

  // every error in SCIM's shape; a body that is not JSON is SCIM's invalidSyntax
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const scim =
      error instanceof ScimError ? error
      : (error as { type?: string }).type === 'entity.parse.failed' ? badRequest('The body is not valid JSON', 'invalidSyntax')
      : new ScimError(errorCodeStatus(error), 'Internal server error');
    if (scim.status >= 500) logger.error({ err: error }, 'SCIM request failed');
    send(res, { status: scim.status, body: scim });
  });
  return router;
}

/** POST `/Users/.search` and `/Groups/.search` (RFC 7644 §3.4.3): a list whose parameters are in the body. */
async function search(body: unknown, type: ResourceType, list: (parameters: Record<string, unknown>, projection: Projection) => Promise<unknown>): Promise<Answer> {
  assertSchema(body, SEARCH_SCHEMA);
  const parameters = {
    ...body,
    attributes: Array.isArray(body.attributes) ? body.attributes.join(',') : body.attributes,
    excludedAttributes: Array.isArray(body.excludedAttributes) ? body.excludedAttributes.join(',') : body.excludedAttributes,
  };
  const projection = projectionOf(parameters, type);
  return { status: 200, body: projected(await list(parameters, projection), projection) };
}
