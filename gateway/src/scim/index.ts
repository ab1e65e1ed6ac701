/**
 * SCIM 2.0 provisioning (RFC 7643/7644), what IdPs such as Okta and Entra ID speak, mounted
 * by the gateway at /scim/v2. Users are the graph's people and their employee records (one UnionID);
 * Groups are departments. Every operation goes through the graph with the caller's own token, so SCIM obeys the same
 * tenant scope, roles and validation as any GraphQL client.
 */
import { Router, json, type Request, type Response, type NextFunction } from 'express';
import { createLogger, Role, type Logger, type SecurityConfig } from '@corphub/module-kit';
import { bearerToken, CallerTokenVerifier } from '../auth/tokens';
import { GraphClient } from './graph-client';
import { badRequest, errorCodeStatus, ScimError } from './scim-error';
import { pagingOf } from './list';
import { ENTERPRISE_SCHEMA, USER_SCHEMA, Users } from './users';
import { GROUP_SCHEMA, Groups } from './groups';
import { requestIdFor } from '@corphub/module-kit';

const SCIM_CONTENT_TYPE = 'application/scim+json';

interface ScimLocals {
  users: Users;
  groups: Groups;
}

/** The gateway's own /graphql, reached through the socket this request came in on. */
function graphqlUrlOf(req: Request): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}/graphql`;
}

function send(res: Response, status: number, body?: unknown): void {
  res.status(status).type(SCIM_CONTENT_TYPE);
  if (body === undefined) res.end();
  else res.send(JSON.stringify(body));
}

const excludesMembers = (req: Request) => (typeof req.query.excludedAttributes === 'string' ? req.query.excludedAttributes : '').toLowerCase().split(',').map((name) => name.trim()).includes('members');

export function createScimRouter(security: SecurityConfig, logger: Logger = createLogger('scim')): Router {
  const verifier = new CallerTokenVerifier(security);
  const router = Router();
  router.use(json({ type: ['application/scim+json', 'application/json'], limit: '1mb' }));

  // a corp admin's bearer token: it names the corp, and is what the graph is called with
  router.use((req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req.header('authorization'));
    verifier
      .verify(token)
      .then((auth) => {
        if (auth.role !== Role.ADMIN) throw new ScimError(403, `SCIM needs a corp admin token; this one is ${auth.role}`);
        const graph = new GraphClient(graphqlUrlOf(req), token!, requestIdFor(req));
        const base = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
        res.locals.scim = { users: new Users(graph, base), groups: new Groups(graph, base) } satisfies ScimLocals;
        next();
      })
      .catch((error: unknown) => next(error instanceof ScimError ? error : new ScimError(401, (error as Error).message)));
  });

  const handle = (run: (req: Request, scim: ScimLocals) => Promise<[number, unknown?]>) => (req: Request, res: Response, next: NextFunction) => {
    run(req, res.locals.scim as ScimLocals).then(([status, body]) => send(res, status, body), next);
  };

  router.get('/ServiceProviderConfig', handle(() => Promise.resolve([200, serviceProviderConfig()])));
  router.get('/Users', handle(async (req, { users }) => [200, await users.list(req.query, pagingOf(req.query))]));
  router.post('/Users', handle(async (req, { users }) => [201, await users.create(req.body as Record<string, unknown>)]));
  router.get('/Users/:id', handle(async (req, { users }) => [200, await users.get(String(req.params.id))]));
  router.put('/Users/:id', handle(async (req, { users }) => [200, await users.replace(String(req.params.id), req.body as Record<string, unknown>)]));
  router.patch('/Users/:id', handle(async (req, { users }) => [200, await users.patch(String(req.params.id), req.body as Record<string, unknown>)]));
  router.delete('/Users/:id', handle(async (req, { users }) => (await users.remove(String(req.params.id)), [204])));
  router.get('/Groups', handle(async (req, { groups }) => [200, await groups.list(req.query, pagingOf(req.query), !excludesMembers(req))]));
  router.post('/Groups', handle(async (req, { groups }) => [201, await groups.create(req.body as Record<string, unknown>)]));
  router.get('/Groups/:id', handle(async (req, { groups }) => [200, await groups.get(String(req.params.id), !excludesMembers(req))]));
  router.put('/Groups/:id', handle(async (req, { groups }) => [200, await groups.replace(String(req.params.id), req.body as Record<string, unknown>)]));
  router.patch('/Groups/:id', handle(async (req, { groups }) => [200, await groups.patch(String(req.params.id), req.body as Record<string, unknown>)]));
  router.delete('/Groups/:id', handle(async (req, { groups }) => (await groups.remove(String(req.params.id)), [204])));
  router.use((_req: Request, _res: Response, next: NextFunction) => next(new ScimError(404, 'No such SCIM endpoint')));

  // every error in SCIM's shape; a body that is not JSON is SCIM's invalidSyntax
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const scim =
      error instanceof ScimError ? error
      : (error as { type?: string }).type === 'entity.parse.failed' ? badRequest('The body is not valid JSON', 'invalidSyntax')
      : new ScimError(errorCodeStatus(error), 'Internal server error');
    if (scim.status >= 500) logger.error({ err: error }, 'SCIM request failed');
    send(res, scim.status, scim);
  });
  return router;
}

function serviceProviderConfig() {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 500 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'Bearer token', description: "A corp admin's Corphub token", primary: true }],
    schemasSupported: [USER_SCHEMA, ENTERPRISE_SCHEMA, GROUP_SCHEMA],
  };
}
