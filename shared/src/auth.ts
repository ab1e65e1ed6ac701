import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { errors } from './errors';

/**
 * Token errors stop a request before any resolver runs, so they set the HTTP status (401). Resolver
 * errors must not: a subgraph answering 4xx would look like a transport failure to the gateway.
 */
const unauthenticated = (message: string) => errors.UNAUTHENTICATED(message, { http: { status: 401 } });
import type { SecurityConfig } from './config';

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
  /** A subgraph or module calling the gateway with its own service token. */
  SERVICE = 'service',
}

export const ROLES = Object.values(Role);

/** Roles that may read a whole corp's data (lists, other people's records): `@Authorized(...CORP_READERS)`. */
export const CORP_READERS = [Role.ADMIN, Role.ANALYST, Role.PLATFORM, Role.SERVICE] as const;

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
  /**
   * Caller tokens from an authorization code (`/oauth/token`): the grant they came from. The gateway refuses them
   * once the grant is revoked (the code was replayed, RFC 6749 §4.1.2); never forwarded to subgraphs.
   */
  grantId?: string;
}

export const ISSUER = 'corphub';
const CALLER_AUDIENCE = 'corphub';
const SUBGRAPH_AUDIENCE = 'corphub-subgraph';
/** Service tokens: a hub subgraph calling the gateway for its module (e.g. expenses reading a manager chain). */
const SERVICE_AUDIENCE = 'corphub-service';
const SERVICE_TOKEN_TTL_SECONDS = 300;
/** The verified context lives just long enough for one gateway request. */
const INTERNAL_CONTEXT_TTL = '60s';
/** Header in which the gateway forwards the verified context to subgraphs. */
export const CONTEXT_HEADER = 'x-corphub-context';
export const REQUEST_ID_HEADER = 'x-request-id';

interface CorphubClaims extends JWTPayload {
  corp_id?: unknown;
  role?: unknown;
  union_id?: unknown;
  app_id?: unknown;
  modules?: unknown;
  scope?: unknown;
  grant_id?: unknown;
}

const encoder = new TextEncoder();

function toClaims(auth: AuthContext): CorphubClaims {
  return {
    corp_id: auth.corpId,
    role: auth.role,
    ...(auth.unionId ? { union_id: auth.unionId } : {}),
    ...(auth.appId ? { app_id: auth.appId } : {}),
    ...(auth.modules ? { modules: auth.modules } : {}),
    ...(auth.scope ? { scope: auth.scope } : {}),
    ...(auth.grantId ? { grant_id: auth.grantId } : {}),
  };
}

/** `internal`: the gateway's verified context, the only token whose `modules` and `scope` count. */
function fromClaims(payload: CorphubClaims, internal = false): AuthContext {
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
  }
  return auth;
}

function signToken(auth: AuthContext, secret: string, audience: string, expiresIn: string | number): Promise<string> {
  return new SignJWT(toClaims(auth))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(auth.subject)
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(encoder.encode(secret));
}

export function signCallerToken(auth: AuthContext, secret: string, expiresIn: string | number = '12h'): Promise<string> {
  return signToken(auth, secret, CALLER_AUDIENCE, expiresIn);
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** Verifies caller tokens: HS256 with the shared secret, or a JWKS from an identity provider. */
export class CallerTokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;

  constructor(private readonly config: SecurityConfig) {
    if (config.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  async verify(token: string | undefined): Promise<AuthContext> {
    if (!token) throw unauthenticated('Missing bearer token: send Authorization: Bearer <token>');
    if (audienceOf(token) === SERVICE_AUDIENCE) return verifyServiceToken(token, this.config.internalSecret);
    try {
      const options = { issuer: ISSUER, audience: CALLER_AUDIENCE };
      const { payload } = this.jwks
        ? await jwtVerify<CorphubClaims>(token, this.jwks, options)
        : await jwtVerify<CorphubClaims>(token, encoder.encode(this.config.jwtSecret), { ...options, algorithms: ['HS256'] });
      return fromClaims(payload);
    } catch (error) {
      throw asUnauthenticated(error);
    }
  }
}

/** `expiresIn` is for the benchmark, whose peers replay one context for minutes; the gateway keeps the default. */
export function signInternalContext(auth: AuthContext, internalSecret: string, expiresIn: string | number = INTERNAL_CONTEXT_TTL): Promise<string> {
  return signToken(auth, internalSecret, SUBGRAPH_AUDIENCE, expiresIn);
}

function audienceOf(token: string): unknown {
  try {
    return decodeJwt(token).aud;
  } catch {
    return undefined;
  }
}

/**
 * Subgraphs of the hub already hold the internal key (they verify the gateway's context), so a token
 * they sign with it for their own calls through the gateway grants nothing new. It is always role
 * `service`, in one corp, for a few minutes.
 */
export function signServiceToken(service: { name: string; corpId: string; appId?: string }, internalSecret: string): Promise<string> {
  return signToken(
    { subject: `service:${service.name}`, corpId: service.corpId, role: Role.SERVICE, appId: service.appId },
    internalSecret,
    SERVICE_AUDIENCE,
    `${SERVICE_TOKEN_TTL_SECONDS}s`,
  );
}

async function verifyServiceToken(token: string, internalSecret: string): Promise<AuthContext> {
  try {
    const { payload } = await jwtVerify<CorphubClaims>(token, encoder.encode(internalSecret), {
      issuer: ISSUER,
      audience: SERVICE_AUDIENCE,
      algorithms: ['HS256'],
    });
    const auth = fromClaims(payload);
    if (auth.role !== Role.SERVICE) throw unauthenticated('A service token carries the service role only');
    return auth;
  } catch (error) {
    throw asUnauthenticated(error);
  }
}

export const SERVICE_TOKEN_LIFETIME_MS = SERVICE_TOKEN_TTL_SECONDS * 1000;

/** A subgraph trusts only a context the gateway signed with the internal key. */
export async function verifyInternalContext(token: string | undefined, internalSecret: string): Promise<AuthContext> {
  if (!token) throw unauthenticated(`Missing ${CONTEXT_HEADER}: subgraphs answer only requests that come through the gateway`);
  try {
    const { payload } = await jwtVerify<CorphubClaims>(token, encoder.encode(internalSecret), {
      issuer: ISSUER,
      audience: SUBGRAPH_AUDIENCE,
      algorithms: ['HS256'],
    });
    return fromClaims(payload, true);
  } catch (error) {
    throw asUnauthenticated(error);
  }
}

function asUnauthenticated(error: unknown) {
  if (error instanceof Error && 'extensions' in error) return error;
  const code = (error as { code?: string })?.code;
  const reason =
    code === 'ERR_JWT_EXPIRED' ? 'Token expired'
    : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'Token signature is invalid'
    : code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID' ? 'Token is malformed'
    : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `Token claim check failed: ${(error as Error).message}`
    : 'Token could not be verified';
  return unauthenticated(reason);
}

/** For `@Authorized(...)`: which roles may run a field. */
export function requireRole(auth: AuthContext, roles: readonly Role[]): void {
  if (!roles.includes(auth.role)) {
    throw errors.FORBIDDEN(`Role ${auth.role} may not do this; allowed: ${roles.join(', ')}`);
  }
}
