import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { errors } from './errors';
import { ConfigError, type SecurityConfig } from './config';

/**
 * Token errors stop a request before any resolver runs, so they set the HTTP status (401). Resolver
 * errors must not: a subgraph answering 4xx would look like a transport failure to the gateway.
 */
export const unauthenticated = (message: string) => errors.UNAUTHENTICATED(message, { http: { status: 401 } });

/** Who may call: the roles a caller token can carry. */
export enum Role {
  /** Operates the hub itself: creates corps, registers apps. */
  PLATFORM = 'platform',
  /** A corp's administrator: reads and manages everything in their corp. */
  ADMIN = 'admin',
  /** A person working in the corp: reads what their role allows, acts for themself. */
  EMPLOYEE = 'employee',
  /** A vendor's app (module) acting in a corp that installed it. */
  VENDOR = 'vendor',
  /** Read-only exploration of the corp's graph. */
  ANALYST = 'analyst',
  /**
   * An administrator of one department and everything below it (claim `department`): reads and changes only the
   * people of that subtree (the gateway sends them as the people scope) and only departments inside it.
   */
  DEPARTMENT_ADMIN = 'department_admin',
  /** Finance: reads every expense claim and report of the corp, decides finance steps and records payments. */
  FINANCE = 'finance',
  /** A subgraph or module calling the gateway with its own service token. */
  SERVICE = 'service',
}

export const ROLES = Object.values(Role);

/** The admin roles identity records per person (`grantAdminRole`); a person without one signs in as an employee. */
export enum AdminRoleKind {
  CORP_ADMIN = 'CORP_ADMIN',
  DEPARTMENT_ADMIN = 'DEPARTMENT_ADMIN',
  FINANCE = 'FINANCE',
  ANALYST = 'ANALYST',
}

const ROLE_OF_ADMIN_ROLE: Record<AdminRoleKind, Role> = {
  [AdminRoleKind.CORP_ADMIN]: Role.ADMIN,
  [AdminRoleKind.DEPARTMENT_ADMIN]: Role.DEPARTMENT_ADMIN,
  [AdminRoleKind.FINANCE]: Role.FINANCE,
  [AdminRoleKind.ANALYST]: Role.ANALYST,
};

/**
 * The caller role (and department) a person's token carries, from their recorded admin role: what the hub's
 * sign-in, `corphub token` and any token issuer of a corp put in the `role` and `department` claims.
 */
export function callerRoleOf(adminRole: { role: AdminRoleKind; departmentId?: string | null } | null | undefined): { role: Role; department?: string } {
  if (!adminRole) return { role: Role.EMPLOYEE };
  const role = ROLE_OF_ADMIN_ROLE[adminRole.role];
  if (role !== Role.DEPARTMENT_ADMIN) return { role };
  // a department admin without a department administers nothing
  return adminRole.departmentId ? { role, department: adminRole.departmentId } : { role: Role.EMPLOYEE };
}

/** Roles that may read a whole corp's data (lists, other people's records): `@Authorized(...CORP_READERS)`. */
export const CORP_READERS = [Role.ADMIN, Role.ANALYST, Role.PLATFORM, Role.SERVICE, Role.DEPARTMENT_ADMIN] as const;
// A department admin is a corp reader narrowed to their subtree: the gateway always sends their people scope, and a
// verified context of a department admin without one sees nobody (fromClaims), so no subgraph can widen it by mistake.

/** Roles that change a corp's people and departments: a department admin only inside their subtree. */
export const PEOPLE_ADMINS = [Role.ADMIN, Role.DEPARTMENT_ADMIN] as const;

/** Roles that may never change anything: the gateway refuses their mutations before any subgraph is asked. */
export const READ_ONLY_ROLES: readonly Role[] = [Role.ANALYST];

/**
 * The mutations read-only roles may still run, alone in their operation: identity's `recordExport`, which only
 * writes the audit line of an export they made of what they read.
 */
export const READ_ONLY_ALLOWED_MUTATIONS: ReadonlySet<string> = new Set(['recordExport']);

/** The verified facts about a caller, the same in the gateway and in every subgraph. */
export interface AuthContext {
  subject: string;
  corpId: string;
  role: Role;
  unionId?: string;
  appId?: string;
  /**
   * Set by the gateway only (never taken from a caller's token): the module subgraphs the corp installed.
   * A module subgraph answers its fields only when its name is here (see `buildFederatedSchema({ module })`).
   */
  modules?: string[];
  /**
   * Set by the gateway only: for a vendor app whose installation has a visibility scope, the UnionIDs it
   * may see. Absent: the whole corp.
   */
  scope?: string[];
  /** Department admins (role `department_admin`) only: the id of the department whose subtree they administer. */
  department?: string;
  /**
   * Caller tokens from an authorization code (`/oauth/token`): the grant they came from. The gateway refuses them
   * once the grant is revoked (the code was replayed, RFC 6749 §4.1.2); never forwarded to subgraphs.
   */
  grantId?: string;
}

export const ISSUER = 'corphub';
/** The audience of caller tokens (signed by the gateway's OAuth server, `corphub token`, or an identity provider). */
export const CALLER_AUDIENCE = 'corphub';
const SUBGRAPH_AUDIENCE = 'corphub-subgraph';
/** Where the gateway publishes the public key of the verified context (a JWKS), for subgraphs and vendor modules. */
export const CONTEXT_KEYS_PATH = '/.well-known/corphub-context-keys.json';
/** Service tokens: a hub subgraph calling the gateway for its module (e.g. expenses reading a manager chain). */
export const SERVICE_AUDIENCE = 'corphub-service';
const SERVICE_TOKEN_TTL_SECONDS = 300;
/** The verified context lives just long enough for one gateway request. */
export const INTERNAL_CONTEXT_TTL = '60s';
/** Header in which the gateway forwards the verified context to subgraphs. */
export const CONTEXT_HEADER = 'x-corphub-context';
export const REQUEST_ID_HEADER = 'x-request-id';

/** The claims of every Corphub token: caller tokens, service tokens and the verified context share them. */
export interface CorphubClaims extends JWTPayload {
  corp_id?: unknown;
  role?: unknown;
  union_id?: unknown;
  app_id?: unknown;
  modules?: unknown;
  scope?: unknown;
  grant_id?: unknown;
  department?: unknown;
}

export const encoder = new TextEncoder();

export function toClaims(auth: AuthContext): CorphubClaims {
  return {
    corp_id: auth.corpId,
    role: auth.role,
    ...(auth.unionId ? { union_id: auth.unionId } : {}),
    ...(auth.appId ? { app_id: auth.appId } : {}),
    ...(auth.modules ? { modules: auth.modules } : {}),
    ...(auth.scope ? { scope: auth.scope } : {}),
    ...(auth.grantId ? { grant_id: auth.grantId } : {}),
    ...(auth.department ? { department: auth.department } : {}),
  };
}

/** `internal`: the gateway's verified context, the only token whose `modules` and `scope` count. */
export function fromClaims(payload: CorphubClaims, internal = false): AuthContext {
  const { sub, corp_id, role, union_id, app_id } = payload;
  if (typeof sub !== 'string' || !sub) throw unauthenticated('Token has no subject');
  if (typeof corp_id !== 'string' || !corp_id) throw unauthenticated('Token has no corp_id claim');
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    throw unauthenticated(`Token role must be one of ${ROLES.join(', ')}`);
  }
  const optional = (value: unknown, name: string) => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !value) throw unauthenticated(`Token claim ${name} must be a string`);
    return value;
  };
  const auth: AuthContext = { subject: sub, corpId: corp_id, role: role as Role, unionId: optional(union_id, 'union_id'), appId: optional(app_id, 'app_id') };
  const grantId = optional(payload.grant_id, 'grant_id');
  if (grantId && !internal) auth.grantId = grantId;
  const department = optional(payload.department, 'department');
  if (auth.role === Role.DEPARTMENT_ADMIN) {
    if (!department) throw unauthenticated('A department_admin token names its department (department claim)');
    auth.department = department;
  } else if (department) {
    throw unauthenticated('Only a department_admin token names a department');
  }
  if (internal) {
    const list = (value: unknown, name: string): string[] | undefined => {
      if (value === undefined) return undefined;
      if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) throw unauthenticated(`Token claim ${name} must be a list of strings`);
      return value;
    };
    const modules = list(payload.modules, 'modules');
    const scope = list(payload.scope, 'scope');
    if (modules) auth.modules = modules;
    if (scope) auth.scope = scope;
    // fail closed: a department admin's context without their subtree's people sees nobody
    else if (auth.role === Role.DEPARTMENT_ADMIN) auth.scope = [];
  }
  return auth;
}

export function signToken(auth: AuthContext, secret: string, audience: string, expiresIn: string | number): Promise<string> {
  return signWith(auth, encoder.encode(secret), { alg: 'HS256', typ: 'JWT' }, audience, expiresIn);
}

export function signWith(auth: AuthContext, key: Uint8Array | KeyObject, header: { alg: string; typ: string; kid?: string }, audience: string | string[], expiresIn: string | number): Promise<string> {
  return new SignJWT(toClaims(auth))
    .setProtectedHeader(header)
    .setSubject(auth.subject)
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

/**
 * The audience of a verified context meant for one subgraph: each subgraph accepts only its own, so a
 * context sent to a vendor's module cannot be replayed against another subgraph.
 */
export function subgraphAudience(subgraph: string): string {
  return `${SUBGRAPH_AUDIENCE}:${subgraph}`;
}

/** Asymmetric only: a subgraph holds the public key, which can sign nothing. */
const CONTEXT_ALGORITHMS = ['EdDSA', 'ES256'];

export function contextAlgorithm(key: KeyObject): 'EdDSA' | 'ES256' {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new ConfigError(`The verified context is signed with Ed25519 or P-256 keys, not ${key.asymmetricKeyType}`);
}

/**
 * Remembers tokens that verified, by their exact text, until they expire (at most `maxAgeMs`): a caller sends
 * the same token with every request, and checking its signature each time is a visible share of the CPU. A
 * token that failed is checked again every time; one that expired is never answered from here.
 */
export class VerifiedTokens<T> {
  private readonly verified: LRUCache<string, { value: T; expiresAt: number }>;

  constructor(max: number, maxAgeMs: number) {
    this.verified = new LRUCache({ max, ttl: maxAgeMs });
  }

  async verify(token: string | undefined, check: (token: string | undefined) => Promise<T>): Promise<T> {
    const known = token ? this.verified.get(token) : undefined;
    if (known && known.expiresAt > Date.now()) return known.value;
    const value = await check(token);
    const exp = decodeJwt(token!).exp;
    // a token without an expiry is verified every time
    if (typeof exp === 'number') this.verified.set(token!, { value, expiresAt: exp * 1000 });
    return value;
  }
}

/**
 * Hub subgraphs call the gateway with a token they sign with the hub's internal secret (vendor modules
 * never hold it: they use OAuth client credentials). It is always role `service`, in one corp, for a few
 * minutes, and grants nothing the verified context does not already show them.
 */
export function signServiceToken(service: { name: string; corpId: string; appId?: string }, internalSecret: string): Promise<string> {
  return signToken(
    { subject: `service:${service.name}`, corpId: service.corpId, role: Role.SERVICE, appId: service.appId },
    internalSecret,
    SERVICE_AUDIENCE,
    `${SERVICE_TOKEN_TTL_SECONDS}s`,
  );
}

export const SERVICE_TOKEN_LIFETIME_MS = SERVICE_TOKEN_TTL_SECONDS * 1000;

/** Verified contexts live a minute; the benchmark's replayed one is checked again each minute. */
const CONTEXT_CACHE_MS = 60_000;

/** RFC 7638 thumbprint of a public JWK (its required members in lexicographic order): the key's `kid`. */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const members =
    jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : jwk.kty === 'OKP' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/** A key's public half as a JWK for signatures, named by its thumbprint: what the gateway publishes and signs under. */
export function signatureJwk(key: KeyObject, alg: string): JWK & { kid: string } {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  return { ...(jwk as JWK), alg, use: 'sig', kid: jwkThumbprint(jwk) };
}

/** A context public key (SPKI PEM) as a JWK, or the configuration error naming its variable. */
function contextPublicJwk(pem: string, variable: string): JWK {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new ConfigError(`${variable} must be an SPKI PEM public key (Ed25519 or P-256)`);
  }
  return signatureJwk(key, contextAlgorithm(key));
}

/**
 * A subgraph trusts only a context the gateway signed with its private key, for this subgraph's audience. It
 * holds the public key (`contextPublicKey`, and during a rotation `contextNextPublicKey` as well; the token's
 * `kid` picks one) or fetches the gateway's JWKS (`contextJwksUrl`), which lists the current key and, during a
 * rotation, the next one. jose caches the JWKS and fetches it again for a `kid` it does not list, at most once
 * per `contextJwksCooldownMs` (30 s), so gateways that start signing with a new key are followed without a restart.
 */
export class ContextVerifier {
  private readonly key: JWTVerifyGetKey;
  private readonly audience: string;
  // an Ed25519 check costs tens of microseconds; a caller's context is reused for 30 s (InternalContextSigner)
  private readonly tokens = new VerifiedTokens<AuthContext>(1_000, CONTEXT_CACHE_MS);

  constructor(security: Pick<SecurityConfig, 'contextPublicKey' | 'contextNextPublicKey' | 'contextJwksUrl' | 'contextJwksCooldownMs'>, subgraph: string) {
    this.audience = subgraphAudience(subgraph);
    if (security.contextJwksUrl) {
      this.key = createRemoteJWKSet(new URL(security.contextJwksUrl), security.contextJwksCooldownMs === undefined ? {} : { cooldownDuration: security.contextJwksCooldownMs });
    } else if (security.contextPublicKey) {
      const keys = [contextPublicJwk(security.contextPublicKey, 'CORPHUB_CONTEXT_PUBLIC_KEY')];
      if (security.contextNextPublicKey) keys.push(contextPublicJwk(security.contextNextPublicKey, 'CORPHUB_CONTEXT_NEXT_PUBLIC_KEY'));
      this.key = createLocalJWKSet({ keys });
    } else {
      throw new ConfigError('A subgraph needs CORPHUB_CONTEXT_JWKS_URL or CORPHUB_CONTEXT_PUBLIC_KEY to verify the gateway');
    }
  }

  verify(token: string | undefined): Promise<AuthContext> {
    return this.tokens.verify(token, (text) => this.check(text));
  }

  private async check(token: string | undefined): Promise<AuthContext> {
    if (!token) throw unauthenticated(`Missing ${CONTEXT_HEADER}: subgraphs answer only requests that come through the gateway`);
    const options = { issuer: ISSUER, audience: this.audience, algorithms: CONTEXT_ALGORITHMS };
    try {
      const { payload } = await jwtVerify<CorphubClaims>(token, this.key, options).catch((error: unknown) => eachMatchingKey(error, (key) => jwtVerify<CorphubClaims>(token, key, options)));
      return fromClaims(payload, true);
    } catch (error) {
      throw asUnauthenticated(error);
    }
  }
}

/**
 * A token without a `kid` matches both keys of a rotation: jose then throws an error that iterates over them
 * (ERR_JWKS_MULTIPLE_MATCHING_KEYS) and leaves trying each to the caller. The gateway always names its key.
 */
async function eachMatchingKey<T>(error: unknown, verify: (key: KeyObject) => Promise<T>): Promise<T> {
  if ((error as { code?: string })?.code !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw error;
  let last: unknown = error;
  for await (const key of error as AsyncIterable<KeyObject>) {
    try {
      return await verify(key);
    } catch (failure) {
      last = failure;
    }
  }
  throw last;
}

/** A token error as UNAUTHENTICATED (HTTP 401), with the reason in words. */
export function asUnauthenticated(error: unknown) {
  if (error instanceof Error && 'extensions' in error) return error;
  const code = (error as { code?: string })?.code;
  const reason =
    code === 'ERR_JWT_EXPIRED' ? 'Token expired'
    : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'Token signature is invalid'
    : code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID' ? 'Token is malformed'
    : code === 'ERR_JOSE_ALG_NOT_ALLOWED' ? 'Token algorithm is not allowed'
    : code === 'ERR_JWKS_NO_MATCHING_KEY' ? 'Token was signed with an unknown key'
    : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `Token claim check failed: ${(error as Error).message}`
    : 'Token could not be verified';
  return unauthenticated(reason);
}

/**
 * A vendor token for the app itself (client credentials, no person): the only vendor token that may manage
 * the app — its integration, its module's schema. A person's sign-in token (with `unionId`) acts for that
 * person inside the app, never as the app.
 */
export function isAppToken(auth: AuthContext, appId?: string): boolean {
  return auth.role === Role.VENDOR && !auth.unionId && !!auth.appId && (appId === undefined || auth.appId === appId);
}

/** For `@Authorized(...)`: which roles may run a field. */
export function requireRole(auth: AuthContext, roles: readonly Role[]): void {
  if (!roles.includes(auth.role)) {
    throw errors.FORBIDDEN(`Role ${auth.role} may not do this; allowed: ${roles.join(', ')}`);
  }
}
