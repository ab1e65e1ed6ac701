import { ConfigError, isProduction, operationLabelLimit } from '@corphub/module-kit/core';

/** The Redis channel on which the registry announces a new supergraph (the registry's own default). */
const DEFAULT_REGISTRY_CHANNEL = 'corphub:registry';
import { DEFAULT_ACCESS_CHANNEL } from './access-notices';
import { DEFAULT_BATCH_SIZE } from './subgraph-fetcher';

/** Limits applied to every operation before the gateway plans it or calls a subgraph. */
export interface QueryLimits {
  /** Deepest field nesting (introspection's `__schema` is not counted). */
  maxDepth: number;
  maxAliases: number;
  /** Cost: every field costs 1, and a list field's selection counts `first` times. */
  maxCost: number;
  /** Lexical tokens in the query document. */
  maxTokens: number;
  maxDirectives: number;
  /** HTTP request body, in bytes. */
  maxBodyBytes: number;
}

/** The vendor login at /oauth (README, "Login for vendor apps"). */
export interface OAuthConfig {
  /** How long an authorization code can be exchanged. */
  codeTtlSeconds: number;
  /** Lifetime of the access tokens /oauth/token issues. */
  accessTokenTtlSeconds: number;
  /** Lifetime of a refresh token; each use rotates it and the new one lives this long again. */
  refreshTokenTtlSeconds: number;
  /** Serve the development sign-in page (pick a person, no password) at /oauth/authorize. */
  devSignIn: boolean;
  /** The corp the development sign-in page offers when the request names none (`corp_id`). */
  devSignInCorp: string;
}

/** Express's `trust proxy`: whose X-Forwarded-* headers count (hop count, or addresses and subnets); false: nobody's. */
export type TrustProxy = boolean | number | string;

export interface GatewayConfig {
  limits: QueryLimits;
  /**
   * The hub's public base URL (CORPHUB_PUBLIC_URL), without a trailing slash: the OpenID Connect issuer and the base
   * of every URL the hub hands out. Never taken from a request's Host header. Unset (development only): the
   * gateway's own `http://localhost:<port>`.
   */
  publicUrl?: string;
  /** Whose X-Forwarded-* headers the gateway believes (CORPHUB_TRUST_PROXY); they never change `publicUrl`. */
  trustProxy: TrustProxy;
  /** Per-subgraph fetch deadline in ms, by subgraph name; `default` for the rest. */
  subgraphTimeoutMs: { default: number; [subgraph: string]: number };
  /** Most reads of one caller and query sent to a subgraph in one batch; 1 sends each on its own. */
  subgraphBatchSize: number;
  /** Redis for automatic persisted queries (shared by gateway replicas); in-memory LRU when unset. */
  redisUrl?: string;
  /** Seconds the gateway reuses a corp's installed modules and an app's scope (installs through it apply at once). */
  accessCacheSeconds: number;
  /** Seconds an automatic persisted query stays registered. */
  persistedQueryTtlSeconds: number;
  /** A persisted query manifest (Apollo's JSON format): its operations are registered at start. */
  operationsManifest?: string;
  /** Answer only the operations of the manifest (a safelist). */
  onlyRegisteredOperations: boolean;
  /** Approximate size of the query plan cache in MiB. */
  queryPlanCacheMiB: number;
  /** Origins allowed to call the gateway from a browser; `*` for any; empty for same-origin only. */
  corsOrigins: string[];
  /** Serve GraphiQL at GET /graphiql and GET /graphql (for browsers). */
  graphiql: boolean;
  /** The admin console's built files (CORPHUB_CONSOLE_DIR), served at /console; unset: no console. */
  consoleDir?: string;
  /** Refuse introspection to roles other than admin, analyst and platform. */
  restrictIntrospection: boolean;
  /** Hide internal error details (set in production). */
  production: boolean;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`, and /health and /ready show their detail for it. */
  metricsToken?: string;
  /**
   * Distinct operation names that get an `operation` label of their own in /metrics; later ones are `other`.
   * Operations of the operations manifest always keep their name.
   */
  metricsOperationLabels: number;
  /** Largest request body forwarded to a subgraph's own HTTP routes (uploads), in bytes. */
  maxUploadBytes: number;
  oauth: OAuthConfig;
  /** How often (ms) the gateway asks the module registry for a new supergraph. */
  registryPollMs: number;
  /** Redis channel of the registry's "new supergraph" notices (with REDIS_URL). */
  registryChannel: string;
  /** Redis channel on which replicas drop a corp's cached access after an install, uninstall or scope change (with REDIS_URL). */
  accessChannel: string;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  // a page of 500 employees with two dozen fields each (the wide list of issue 12) costs about 12,000
  maxCost: 30_000,
  maxTokens: 2_000,
  maxDirectives: 50,
  maxBodyBytes: 1024 * 1024,
};

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/**
 * The gateway does not know each subgraph's own limits (they may differ by kind and are the subgraph's settings):
 * this one only has to be above the largest of them (20 MiB documents today), with room for multipart framing.
 */
export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** CORPHUB_PUBLIC_URL: an absolute http(s) URL with no query or fragment; https in production, but for a loopback host. */
function publicUrlOf(env: NodeJS.ProcessEnv, production: boolean): string | undefined {
  const raw = env.CORPHUB_PUBLIC_URL?.trim();
  if (!raw) {
    if (production) throw new ConfigError('NODE_ENV=production needs CORPHUB_PUBLIC_URL (the https URL callers reach the gateway at, e.g. https://hub.example.com): the OpenID Connect issuer');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`CORPHUB_PUBLIC_URL must be an absolute URL, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password || raw.includes('?') || raw.includes('#')) {
    throw new ConfigError(`CORPHUB_PUBLIC_URL must be an http(s) URL without credentials, query or fragment, got "${raw}"`);
  }
  // OpenID Connect Discovery §3: the issuer is an https URL
  if (production && url.protocol !== 'https:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new ConfigError(`CORPHUB_PUBLIC_URL must be an https URL in production, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

/** CORPHUB_TRUST_PROXY: true/false, a number of proxy hops, or addresses and subnets (`loopback, 10.0.0.0/8`). */
function trustProxyOf(env: NodeJS.ProcessEnv): TrustProxy {
  const raw = env.CORPHUB_TRUST_PROXY?.trim();
  if (!raw) return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^(true|false|yes|no|on|off|0|1)$/i.test(raw)) return flag(env, 'CORPHUB_TRUST_PROXY', false);
  return raw;
}

/** Reads every gateway setting from the environment (documented in the README). */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const production = isProduction(env);
  const subgraphTimeoutMs: GatewayConfig['subgraphTimeoutMs'] = {
    default: positiveInt(env, 'CORPHUB_SUBGRAPH_TIMEOUT_MS', DEFAULT_SUBGRAPH_TIMEOUT_MS),
  };
  for (const key of Object.keys(env)) {
    const match = /^CORPHUB_SUBGRAPH_([A-Z0-9_]+)_TIMEOUT_MS$/.exec(key);
    if (match) subgraphTimeoutMs[match[1].toLowerCase()] = positiveInt(env, key, subgraphTimeoutMs.default);
  }
  const config: GatewayConfig = {
    limits: {
      maxDepth: positiveInt(env, 'CORPHUB_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxAliases: positiveInt(env, 'CORPHUB_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxCost: positiveInt(env, 'CORPHUB_MAX_COST', DEFAULT_LIMITS.maxCost),
      maxTokens: positiveInt(env, 'CORPHUB_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
      maxDirectives: positiveInt(env, 'CORPHUB_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives),
      maxBodyBytes: positiveInt(env, 'CORPHUB_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
    },
    publicUrl: publicUrlOf(env, production),
    trustProxy: trustProxyOf(env),
    subgraphTimeoutMs,
    subgraphBatchSize: positiveInt(env, 'CORPHUB_SUBGRAPH_BATCH_SIZE', DEFAULT_BATCH_SIZE),
    redisUrl: env.REDIS_URL || undefined,
    persistedQueryTtlSeconds: positiveInt(env, 'CORPHUB_PERSISTED_QUERY_TTL_SECONDS', 24 * 3600),
    accessCacheSeconds: positiveInt(env, 'CORPHUB_ACCESS_CACHE_SECONDS', 30),
    operationsManifest: env.CORPHUB_OPERATIONS_MANIFEST || undefined,
    onlyRegisteredOperations: flag(env, 'CORPHUB_ONLY_REGISTERED_OPERATIONS', false),
    queryPlanCacheMiB: positiveInt(env, 'CORPHUB_QUERY_PLAN_CACHE_MIB', 30),
    corsOrigins: (env.CORPHUB_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    graphiql: flag(env, 'CORPHUB_GRAPHIQL', true),
    consoleDir: env.CORPHUB_CONSOLE_DIR || undefined,
    restrictIntrospection: flag(env, 'CORPHUB_RESTRICT_INTROSPECTION', production),
    production,
    metricsToken: env.CORPHUB_METRICS_TOKEN || undefined,
    metricsOperationLabels: operationLabelLimit(env),
    maxUploadBytes: positiveInt(env, 'CORPHUB_MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES),
    oauth: {
      codeTtlSeconds: positiveInt(env, 'CORPHUB_OAUTH_CODE_TTL_SECONDS', 60),
      accessTokenTtlSeconds: positiveInt(env, 'CORPHUB_OAUTH_TOKEN_TTL_SECONDS', 7200),
      refreshTokenTtlSeconds: positiveInt(env, 'CORPHUB_OAUTH_REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400),
      devSignIn: flag(env, 'CORPHUB_OAUTH_DEV_SIGN_IN', !production),
      devSignInCorp: env.CORPHUB_OAUTH_DEV_SIGN_IN_CORP || 'demo',
    },
    registryPollMs: positiveInt(env, 'CORPHUB_REGISTRY_POLL_MS', 10_000),
    registryChannel: env.CORPHUB_REGISTRY_CHANNEL || DEFAULT_REGISTRY_CHANNEL,
    accessChannel: env.CORPHUB_ACCESS_CHANNEL || DEFAULT_ACCESS_CHANNEL,
  };
  // the subgraph that provides the `login` service reports revoked login grants for a day: no token may outlive that
  if (config.oauth.accessTokenTtlSeconds > 86_400) throw new ConfigError('CORPHUB_OAUTH_TOKEN_TTL_SECONDS may be at most 86400 (a day)');
  if (config.onlyRegisteredOperations && !config.operationsManifest) {
    throw new ConfigError('CORPHUB_ONLY_REGISTERED_OPERATIONS=true needs CORPHUB_OPERATIONS_MANIFEST (the registered operations)');
  }
  return config;
}

export type GatewayConfigOverrides = Partial<Omit<GatewayConfig, 'limits' | 'subgraphTimeoutMs' | 'oauth'>> & {
  limits?: Partial<QueryLimits>;
  oauth?: Partial<OAuthConfig>;
  subgraphTimeoutMs?: Record<string, number>;
};

/** The environment's settings with a test's or an embedder's overrides on top. */
export function gatewayConfig(overrides: GatewayConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const base = readGatewayConfig(env);
  return {
    ...base,
    ...overrides,
    limits: { ...base.limits, ...overrides.limits },
    oauth: { ...base.oauth, ...overrides.oauth },
    subgraphTimeoutMs: { ...base.subgraphTimeoutMs, ...overrides.subgraphTimeoutMs },
  };
}

export function subgraphTimeout(config: GatewayConfig, subgraph: string): number {
  return config.subgraphTimeoutMs[subgraph] ?? config.subgraphTimeoutMs.default;
}
