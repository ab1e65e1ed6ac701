import { ConfigError, ENV_SCHEMA, readEnv, readEnvPattern, type RawEnv } from '@corphub/module-kit/core';

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

/** The schema's defaults (packages/module-kit/src/env.ts). */
export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: ENV_SCHEMA.CORPHUB_MAX_DEPTH.default,
  maxAliases: ENV_SCHEMA.CORPHUB_MAX_ALIASES.default,
  // a page of 500 employees with two dozen fields each (the wide list of issue 12) costs about 12,000
  maxCost: ENV_SCHEMA.CORPHUB_MAX_COST.default,
  maxTokens: ENV_SCHEMA.CORPHUB_MAX_TOKENS.default,
  maxDirectives: ENV_SCHEMA.CORPHUB_MAX_DIRECTIVES.default,
  maxBodyBytes: ENV_SCHEMA.CORPHUB_MAX_BODY_BYTES.default,
};

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = ENV_SCHEMA.CORPHUB_SUBGRAPH_TIMEOUT_MS.default;

/**
 * The gateway does not know each subgraph's own limits (they may differ by kind and are the subgraph's settings):
 * this one only has to be above the largest of them (20 MiB documents today), with room for multipart framing.
 */
export const DEFAULT_MAX_UPLOAD_BYTES = ENV_SCHEMA.CORPHUB_MAX_UPLOAD_BYTES.default;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** CORPHUB_PUBLIC_URL (its form checked by the schema): required in production, and https there but for a loopback host. */
function publicUrlOf(value: string | undefined, production: boolean): string | undefined {
  if (!value) {
    if (production) throw new ConfigError('NODE_ENV=production needs CORPHUB_PUBLIC_URL (the https URL callers reach the gateway at, e.g. https://hub.example.com): the OpenID Connect issuer');
    return undefined;
  }
  const url = new URL(value);
  // OpenID Connect Discovery §3: the issuer is an https URL
  if (production && url.protocol !== 'https:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new ConfigError(`CORPHUB_PUBLIC_URL must be an https URL in production, got "${value}"`);
  }
  return value;
}

/**
 * Every gateway setting from the environment, checked against the schema (packages/module-kit/src/env.ts): a bad
 * value is a ConfigError naming the variable, never a silent default.
 */
export function readGatewayConfig(env?: RawEnv): GatewayConfig {
  const vars = readEnv(
    [
      'NODE_ENV',
      'CORPHUB_SUBGRAPH_TIMEOUT_MS',
      'CORPHUB_MAX_DEPTH',
      'CORPHUB_MAX_ALIASES',
      'CORPHUB_MAX_COST',
      'CORPHUB_MAX_TOKENS',
      'CORPHUB_MAX_DIRECTIVES',
      'CORPHUB_MAX_BODY_BYTES',
      'CORPHUB_PUBLIC_URL',
      'CORPHUB_TRUST_PROXY',
      'CORPHUB_SUBGRAPH_BATCH_SIZE',
      'REDIS_URL',
      'CORPHUB_PERSISTED_QUERY_TTL_SECONDS',
      'CORPHUB_ACCESS_CACHE_SECONDS',
      'CORPHUB_OPERATIONS_MANIFEST',
      'CORPHUB_ONLY_REGISTERED_OPERATIONS',
      'CORPHUB_QUERY_PLAN_CACHE_MIB',
      'CORPHUB_CORS_ORIGINS',
      'CORPHUB_GRAPHIQL',
      'CORPHUB_CONSOLE_DIR',
      'CORPHUB_RESTRICT_INTROSPECTION',
      'CORPHUB_METRICS_TOKEN',
      'CORPHUB_METRICS_OPERATION_LABELS',
      'CORPHUB_MAX_UPLOAD_BYTES',
      'CORPHUB_OAUTH_CODE_TTL_SECONDS',
      'CORPHUB_OAUTH_TOKEN_TTL_SECONDS',
      'CORPHUB_OAUTH_REFRESH_TOKEN_TTL_SECONDS',
      'CORPHUB_OAUTH_DEV_SIGN_IN',
      'CORPHUB_OAUTH_DEV_SIGN_IN_CORP',
      'CORPHUB_REGISTRY_POLL_MS',
      'CORPHUB_REGISTRY_CHANNEL',
      'CORPHUB_ACCESS_CHANNEL',
    ],
    env,
  );
  const production = vars.NODE_ENV === 'production';
  const config: GatewayConfig = {
    limits: {
      maxDepth: vars.CORPHUB_MAX_DEPTH,
      maxAliases: vars.CORPHUB_MAX_ALIASES,
      maxCost: vars.CORPHUB_MAX_COST,
      maxTokens: vars.CORPHUB_MAX_TOKENS,
      maxDirectives: vars.CORPHUB_MAX_DIRECTIVES,
      maxBodyBytes: vars.CORPHUB_MAX_BODY_BYTES,
    },
    publicUrl: publicUrlOf(vars.CORPHUB_PUBLIC_URL, production),
    trustProxy: vars.CORPHUB_TRUST_PROXY,
    subgraphTimeoutMs: { default: vars.CORPHUB_SUBGRAPH_TIMEOUT_MS, ...readEnvPattern('CORPHUB_SUBGRAPH_<NAME>_TIMEOUT_MS', env) },
    subgraphBatchSize: vars.CORPHUB_SUBGRAPH_BATCH_SIZE,
    redisUrl: vars.REDIS_URL,
    persistedQueryTtlSeconds: vars.CORPHUB_PERSISTED_QUERY_TTL_SECONDS,
    accessCacheSeconds: vars.CORPHUB_ACCESS_CACHE_SECONDS,
    operationsManifest: vars.CORPHUB_OPERATIONS_MANIFEST,
    onlyRegisteredOperations: vars.CORPHUB_ONLY_REGISTERED_OPERATIONS,
    queryPlanCacheMiB: vars.CORPHUB_QUERY_PLAN_CACHE_MIB,
    corsOrigins: [...(vars.CORPHUB_CORS_ORIGINS ?? [])],
    graphiql: vars.CORPHUB_GRAPHIQL,
    consoleDir: vars.CORPHUB_CONSOLE_DIR,
    restrictIntrospection: vars.CORPHUB_RESTRICT_INTROSPECTION,
    production,
    metricsToken: vars.CORPHUB_METRICS_TOKEN,
    metricsOperationLabels: vars.CORPHUB_METRICS_OPERATION_LABELS,
    maxUploadBytes: vars.CORPHUB_MAX_UPLOAD_BYTES,
    oauth: {
      codeTtlSeconds: vars.CORPHUB_OAUTH_CODE_TTL_SECONDS,
      // at most a day (the schema's type): the subgraph that provides the `login` service reports revoked grants for a day
      accessTokenTtlSeconds: vars.CORPHUB_OAUTH_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: vars.CORPHUB_OAUTH_REFRESH_TOKEN_TTL_SECONDS,
      devSignIn: vars.CORPHUB_OAUTH_DEV_SIGN_IN,
      devSignInCorp: vars.CORPHUB_OAUTH_DEV_SIGN_IN_CORP,
    },
    registryPollMs: vars.CORPHUB_REGISTRY_POLL_MS,
    registryChannel: vars.CORPHUB_REGISTRY_CHANNEL,
    accessChannel: vars.CORPHUB_ACCESS_CHANNEL,
  };
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
export function gatewayConfig(overrides: GatewayConfigOverrides = {}, env?: RawEnv): GatewayConfig {
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
