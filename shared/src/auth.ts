import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { errors } from './errors';
import { ConfigError, hubSecret, type SecurityConfig } from './config';

/**
 * Token errors stop a request before any resolver runs, so they set the HTTP status (401). Resolver
 * errors must not: a subgraph answering 4xx would look like a transport failure to the gateway.
 */
const unauthenticated = (message: string) => errors.UNAUTHENTICATED(message, { http: { status: 401 } });

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
/** Where the gateway publishes the public key of the verified context (a JWKS), for subgraphs and vendor modules. */
export const CONTEXT_KEYS_PATH = '/.well-known/corphub-context-keys.json';
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
  return signWith(auth, encoder.encode(secret), { alg: 'HS256', typ: 'JWT' }, audience, expiresIn);
}

function signWith(auth: AuthContext, key: Uint8Array | KeyObject, header: { alg: string; typ: string; kid?: string }, audience: string | string[], expiresIn: string | number): Promise<string> {
  return new SignJWT(toClaims(auth))
    .setProtectedHeader(header)
    .setSubject(auth.subject)
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
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
    if (audienceOf(token) === SERVICE_AUDIENCE) return verifyServiceToken(token, hubSecret(this.config));
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

/**
 * The audience of a verified context meant for one subgraph: each subgraph accepts only its own, so a
 * context sent to a vendor's module cannot be replayed against another subgraph.
 */
export function subgraphAudience(subgraph: string): string {
  return `${SUBGRAPH_AUDIENCE}:${subgraph}`;
}

/** Asymmetric only: a subgraph holds the public key, which can sign nothing. */
const CONTEXT_ALGORITHMS = ['EdDSA', 'ES256'];

function contextAlgorithm(key: KeyObject): 'EdDSA' | 'ES256' {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new ConfigError(`The verified context is signed with Ed25519 or P-256 keys, not ${key.asymmetricKeyType}`);
}

/** RFC 7638 thumbprint of a public JWK (its required members in order), the key's `kid`. */
function thumbprint(jwk: JsonWebKey): string {
  const members = jwk.kty === 'OKP' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/**
 * The gateway's key for the verified context: signs it with the private key (PKCS8 PEM, Ed25519 or P-256)
 * and publishes the public half as a JWKS (`CONTEXT_KEYS_PATH`).
 */
export class ContextSigningKey {
  private readonly key: KeyObject;
  private readonly header: { alg: string; typ: string; kid: string };
  private readonly publicJwk: JWK;

  constructor(privateKeyPem: string) {
    try {
      this.key = createPrivateKey(privateKeyPem);
    } catch {
      throw new ConfigError('CORPHUB_CONTEXT_PRIVATE_KEY must be a PKCS8 PEM private key (Ed25519 or P-256)');
    }
    const alg = contextAlgorithm(this.key);
    const jwk = createPublicKey(this.key).export({ format: 'jwk' });
    const kid = thumbprint(jwk);
    this.header = { alg, typ: 'JWT', kid };
    this.publicJwk = { ...(jwk as JWK), alg, use: 'sig', kid };
  }

  /**
   * `audience`: `subgraphAudience(name)`, or a list of them for a context several subgraphs accept (the
   * benchmark's peer gateways replay one); `expiresIn` is for the benchmark too, the gateway keeps the default.
   */
  sign(auth: AuthContext, audience: string | string[], expiresIn: string | number = INTERNAL_CONTEXT_TTL): Promise<string> {
    return signWith(auth, this.key, this.header, audience, expiresIn);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }
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

function audienceOf(token: string): unknown {
  try {
    return decodeJwt(token).aud;
  } catch {
    return undefined;
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

/** Verified contexts live a minute; the benchmark's replayed one is checked again each minute. */
const CONTEXT_CACHE_MS = 60_000;

/**
 * A subgraph trusts only a context the gateway signed with its private key, for this subgraph's audience. It
 * holds the public key (`contextPublicKey`) or fetches it from the gateway's JWKS (`contextJwksUrl`, cached
 * by jose and fetched again for an unknown `kid`, so a new gateway key is picked up without a restart).
 */
export class ContextVerifier {
  private readonly key: KeyObject | JWTVerifyGetKey;
  private readonly audience: string;
  // an Ed25519 check costs tens of microseconds; a caller's context is reused for 30 s (InternalContextSigner)
  private readonly tokens = new VerifiedTokens<AuthContext>(1_000, CONTEXT_CACHE_MS);

  constructor(security: Pick<SecurityConfig, 'contextPublicKey' | 'contextJwksUrl'>, subgraph: string) {
    this.audience = subgraphAudience(subgraph);
    if (security.contextJwksUrl) {
      this.key = createRemoteJWKSet(new URL(security.contextJwksUrl));
    } else if (security.contextPublicKey) {
      try {
        this.key = createPublicKey(security.contextPublicKey);
      } catch {
        throw new ConfigError('CORPHUB_CONTEXT_PUBLIC_KEY must be an SPKI PEM public key (Ed25519 or P-256)');
      }
      contextAlgorithm(this.key);
    } else {
      throw new ConfigError('A subgraph needs CORPHUB_CONTEXT_JWKS_URL or CORPHUB_CONTEXT_PUBLIC_KEY to verify the gateway');
    }
  }

  verify(token: string | undefined): Promise<AuthContext> {
    return this.tokens.verify(token, (text) => this.check(text));
  }

  private async check(token: string | undefined): Promise<AuthContext> {
    if (!token) throw unauthenticated(`Missing ${CONTEXT_HEADER}: subgraphs answer only requests that come through the gateway`);
    try {
      const options = { issuer: ISSUER, audience: this.audience, algorithms: CONTEXT_ALGORITHMS };
      // two calls for jose's two overloads (a key, or a JWKS getter)
      const { payload } = typeof this.key === 'function' ? await jwtVerify<CorphubClaims>(token, this.key, options) : await jwtVerify<CorphubClaims>(token, this.key, options);
      return fromClaims(payload, true);
    } catch (error) {
      throw asUnauthenticated(error);
    }
  }
}

function asUnauthenticated(error: unknown) {
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
