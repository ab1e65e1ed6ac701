import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { CONTEXT_HEADER, errors, Role, type AuthContext } from '@corphub/module-kit/core';
import type { HubService, Logger } from '@corphub/module-kit';
import type { InternalContextSigner } from './context';
import type { HubManifest } from './manifest';

/** What the gateway learns about a caller's corp (and app) once, then caches briefly. */
export interface CallerAccess {
  /** Subgraphs of the modules the corp installed. */
  modules: string[];
  /** Whether the caller's app (vendor tokens) is installed in the corp. */
  appInstalled: boolean;
  /** A scoped app's visible UnionIDs; undefined: the whole corp. */
  scope?: string[];
  /** The app's revoked login grants (a replayed code): tokens naming one are refused. */
  revokedGrants?: string[];
}

export interface CallerAccessResolverOptions {
  /** The GraphQL URL of a subgraph, once the gateway knows it. */
  subgraphUrl: (name: string) => string | undefined;
  /** Which subgraphs provide the `access` and `people-scope` services. */
  manifest: HubManifest;
  /** Signs the gateway's own service context for them. */
  contexts: InternalContextSigner;
  /** How long an answer is reused; install, uninstall and scope changes through this gateway drop it at once. */
  ttlSeconds: number;
  logger: Logger;
  /** Each lookup's deadline. */
  timeoutMs?: number;
}

const ACCESS_QUERY = /* GraphQL */ `query CallerAccess($appId: ID) { callerAccess(appId: $appId) { modules appInstalled scope { wholeCorp departmentIds tags unionIds } revokedGrants } }`;
const SCOPE_QUERY = /* GraphQL */ `query PeopleInScope($departmentIds: [ID!]!, $tags: [String!]!, $unionIds: [ID!]!) { peopleInScope(departmentIds: $departmentIds, tags: $tags, unionIds: $unionIds) }`;

interface AccessAnswer {
  callerAccess: { modules: string[]; appInstalled: boolean; scope: { wholeCorp: boolean; departmentIds: string[]; tags: string[]; unionIds: string[] } | null; revokedGrants: string[] };
}

/**
 * Resolves a caller's installed modules and, for a vendor app, its installation and visibility scope (as
 * UnionIDs), straight from the subgraphs that provide the `access` and `people-scope` services, with a
 * service context. Answers are cached per (corp, app) for `ttlSeconds`; concurrent misses share one lookup.
 */
export class CallerAccessResolver {
  /** By corp: its answers by app ('' for callers that are not vendor apps), each with its expiry. */
  private readonly cache: InMemoryLRUCache<Record<string, { access: CallerAccess; expiresAt: number }>>;
  private readonly inFlight = new Map<string, Promise<CallerAccess>>();
  /** Bumped by `invalidate`, so that a lookup that started before it is not cached after it. */
  private readonly generations = new Map<string, number>();
  readonly manifest: HubManifest;

  constructor(private readonly options: CallerAccessResolverOptions) {
    this.manifest = options.manifest;
    this.cache = new InMemoryLRUCache({ maxSize: 64 * 1024 * 1024 });
  }

  async resolve(auth: AuthContext): Promise<CallerAccess> {
    const appId = auth.role === Role.VENDOR ? auth.appId : undefined;
    const department = auth.role === Role.DEPARTMENT_ADMIN ? auth.department : undefined;
    // cached per corp by app, or by administered department ('\u0001' cannot start an app id)
    const app = department !== undefined ? `\u0001${department}` : (appId ?? '');
    const cached = (await this.cache.get(auth.corpId))?.[app];
    if (cached && cached.expiresAt > Date.now()) return cached.access;
    const key = `${auth.corpId}\u0000${app}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      const generation = this.generations.get(auth.corpId) ?? 0;
      pending = this.lookUp(auth.corpId, appId, department)
        .then(async (access) => {
          if ((this.generations.get(auth.corpId) ?? 0) === generation) {
            const entries = (await this.cache.get(auth.corpId)) ?? {};
            const expiresAt = Date.now() + this.options.ttlSeconds * 1000;
            await this.cache.set(auth.corpId, { ...entries, [app]: { access, expiresAt } }, { ttl: this.options.ttlSeconds });
          }
          return access;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** Drops a corp's answers (after an install, uninstall or scope change). */
  async invalidate(corpId: string): Promise<void> {
    this.generations.set(corpId, (this.generations.get(corpId) ?? 0) + 1);
    for (const key of [...this.inFlight.keys()]) if (key.startsWith(`${corpId}\u0000`)) this.inFlight.delete(key);
    await this.cache.delete(corpId);
  }

  private async lookUp(corpId: string, appId: string | undefined, department: string | undefined): Promise<CallerAccess> {
    const answer = await this.call<AccessAnswer>('access', corpId, ACCESS_QUERY, { appId: appId ?? null });
    if (!answer) return { modules: [], appInstalled: false };
    const { modules, appInstalled, revokedGrants } = answer.callerAccess;
    const revoked = revokedGrants.length ? { revokedGrants } : {};
    // a department admin sees the people of their department's subtree, resolved as an app's department scope is
    const scope = department !== undefined ? { wholeCorp: false, departmentIds: [department], tags: [], unionIds: [] } : answer.callerAccess.scope;
    if (!scope || scope.wholeCorp) return { modules, appInstalled, ...revoked };
    const members = await this.call<{ peopleInScope: string[] }>('people-scope', corpId, SCOPE_QUERY, {
      departmentIds: scope.departmentIds,
      tags: scope.tags,
      unionIds: scope.unionIds,
    });
    // a hub without a people-scope service: named people only
    return { modules, appInstalled, scope: members?.peopleInScope ?? [...scope.unionIds].sort(), ...revoked };
  }

  /** One GraphQL request to the subgraph providing `service`, as the gateway itself (role service); undefined when the hub has none. */
  private async call<Data>(service: HubService, corpId: string, query: string, variables: Record<string, unknown>): Promise<Data | undefined> {
    const subgraph = this.options.manifest.provider(service);
    const url = subgraph && this.options.subgraphUrl(subgraph);
    if (!subgraph || !url) return undefined;
    const context = await this.options.contexts.sign({ subject: 'gateway', corpId, role: Role.SERVICE }, subgraph);
    let body: { data?: Data; errors?: { message: string }[] };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: context },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      this.options.logger.warn({ err: error, subgraph, corpId }, 'access lookup failed');
      throw errors.SUBGRAPH_UNAVAILABLE(`Could not look up the corp's installed modules: subgraph "${subgraph}" is unavailable`, { serviceName: subgraph });
    }
    if (!body.data || body.errors?.length) {
      this.options.logger.warn({ subgraph, corpId, errors: body.errors }, 'access lookup refused');
      throw errors.SUBGRAPH_UNAVAILABLE(`Could not look up the corp's installed modules in subgraph "${subgraph}"`, { serviceName: subgraph });
    }
    return body.data;
  }
}

/** A token from a code that was later replayed is refused (RFC 6749 §4.1.2), whatever it asks for. */
export function assertGrantLive(auth: AuthContext, access: CallerAccess): void {
  if (auth.grantId && access.revokedGrants?.includes(auth.grantId)) {
    throw errors.UNAUTHENTICATED('The access token was revoked: the authorization code it came from was used again (RFC 6749 §4.1.2). Sign in again.', { http: { status: 401 } });
  }
}

/**
 * The verified contexts of one request, per subgraph (each its own audience): plain for core subgraphs, with the
 * corp's modules (and a vendor app's scope) where they count. `sign` signs one (the gateway reuses tokens per
 * set of caller's claims and subgraph).
 */
export function subgraphContexts(auth: AuthContext, access: CallerAccessResolver, sign: (context: AuthContext, subgraph: string) => Promise<string>) {
  const { manifest } = access;
  const signed = new Map<string, Promise<string>>();
  let resolved: Promise<CallerAccess> | undefined;
  let full: Promise<AuthContext> | undefined;
  const accessOf = () => (resolved ??= access.resolve(auth));
  // one object for every subgraph of the request that needs the modules (the signer keys its cache by it),
  // without the grant, which stays at the gateway
  const withAccess = () => (full ??= accessOf().then(({ modules, scope }) => ({ ...auth, grantId: undefined, modules, scope })));
  return {
    /** Vendor apps: refused unless their app is installed in the corp (FORBIDDEN, HTTP 403). */
    async checkCaller(): Promise<void> {
      if (auth.role !== Role.VENDOR) {
        // a person's first-party sign-in (the console's) has a grant: refused once they signed out (revoked)
        if (auth.grantId) assertGrantLive(auth, await accessOf());
        return;
      }
      if (!auth.appId) throw errors.FORBIDDEN('A vendor token must name its app (app_id claim)', { http: { status: 403 } });
      const facts = await accessOf();
      assertGrantLive(auth, facts);
      const { appInstalled } = facts;
      if (!appInstalled) throw errors.FORBIDDEN(`App "${auth.appId}" is not installed in corp "${auth.corpId}"`, { http: { status: 403 } });
    },
    forSubgraph(subgraph: string): Promise<string> {
      let token = signed.get(subgraph);
      if (!token) {
        // a vendor's and a department admin's scope counts everywhere; a module needs the installed list
        token = manifest.isCore(subgraph) && auth.role !== Role.VENDOR && auth.role !== Role.DEPARTMENT_ADMIN ? sign(auth, subgraph) : withAccess().then((context) => sign(context, subgraph));
        signed.set(subgraph, token);
      }
      return token;
    },
  };
}

export type SubgraphContexts = ReturnType<typeof subgraphContexts>;
