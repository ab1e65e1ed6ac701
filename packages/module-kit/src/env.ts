/**
 * Every environment variable the hub reads, in one schema (envalid 8): its type, default, description and the
 * processes that read it. Code reads variables only through `readEnv` (an eslint rule forbids `process.env`
 * elsewhere); each entry point checks its own variables at start with `exitOnInvalidEnv`, so a bad value stops the
 * process with a message naming the variable instead of falling back. docs/configuration.md's table and the
 * repository's .env.example are generated from it (`npm run env:generate`).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { customCleanEnv, EnvError, makeExactValidator, type ExactValidator } from 'envalid';
import { ConfigError } from './config-error';

/**
 * Who reads a variable: `gateway` (gateway/dist/main.js), `subgraphs` (every hub subgraph process), `modules`
 * (vendor modules, through the kit's runSubgraph), a subgraph by name (only that one), `cli` (the tooling: the
 * `corphub` command and `npm run token`, `npm run seed`, `npm run migration:create`), `tests` and `compose`
 * (docker-compose.yml only). `npm start` runs
 * the gateway and every hub subgraph in one process, so it reads what they all read.
 */
export const ENV_READERS = ['gateway', 'subgraphs', 'modules', 'identity', 'media', 'messages', 'cli', 'tests', 'compose'] as const;
export type EnvReader = (typeof ENV_READERS)[number];

/** An environment as given: process.env, or a test's object. */
export type RawEnv = Readonly<Record<string, string | undefined>>;

// ---------------------------------------------------------------------------------------------------------------
// Types. Each parser throws EnvError with what is wrong; the variable's name is added by the reporter, and a
// secret's value is never repeated.

const got = (input: string) => `got "${input}"`;

function parsePositiveInt(input: string, max?: number): number {
  const trimmed = input.trim();
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(value) || value <= 0) throw new EnvError(`must be a positive integer, ${got(input)}`);
  if (max !== undefined && value > max) throw new EnvError(`must be at most ${max}, ${got(input)}`);
  return value;
}

/** A whole number above 0. */
const positiveInt = makeExactValidator<number>((input) => parsePositiveInt(input));
/** A whole number of seconds from 1 to 86400 (a day). */
const secondsUpToADay = makeExactValidator<number>((input) => parsePositiveInt(input, 86_400));

/** A TCP port, 0 (any free port) to 65535. */
const portNumber = makeExactValidator<number>((input) => {
  const trimmed = input.trim();
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value > 65_535) throw new EnvError(`must be a port number from 0 to 65535, ${got(input)}`);
  return value;
});

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/** true/false, 1/0, yes/no or on/off, in any case. */
const flag = makeExactValidator<boolean>((input) => {
  const value = input.trim().toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new EnvError(`must be true or false (or 1/0, yes/no, on/off), ${got(input)}`);
});

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ').replace(/, ([^,]*)$/, ' or $1');

/** One of a fixed list of words (case-insensitive). */
function oneOf<const Values extends readonly string[]>(...values: Values): ExactValidator<Values[number]> {
  return makeExactValidator<Values[number]>((input) => {
    const value = input.trim().toLowerCase();
    if (!values.includes(value)) throw new EnvError(`must be ${quoted(values)}, ${got(input)}`);
    return value;
  });
}

/** An absolute URL with one of `protocols`. */
function urlWith(protocols: readonly string[], what: string): ExactValidator<string> {
  return makeExactValidator<string>((input) => {
    let url: URL;
    try {
      url = new URL(input.trim());
    } catch {
      throw new EnvError(`must be an absolute ${what} URL, ${got(input)}`);
    }
    if (!protocols.includes(url.protocol)) throw new EnvError(`must be a ${protocols.map((protocol) => protocol.slice(0, -1)).join(' or ')} URL, ${got(input)}`);
    return input.trim();
  });
}

const httpUrl = urlWith(['http:', 'https:'], 'http(s)');
const postgresUrl = urlWith(['postgres:', 'postgresql:'], 'PostgreSQL');
const redisUrl = urlWith(['redis:', 'rediss:'], 'Redis');

/** The hub's public base URL: http(s), no credentials, query or fragment; answered without a trailing slash. */
const publicUrl = makeExactValidator<string>((input) => {
  const raw = input.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnvError(`must be an absolute URL, ${got(input)}`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password || raw.includes('?') || raw.includes('#')) {
    throw new EnvError(`must be an http(s) URL without credentials, query or fragment, ${got(input)}`);
  }
  return url.href.replace(/\/+$/, '');
});

/** A PEM given on one line (a .env file) has its line breaks written as \n. */
const pemText = (input: string) => input.replace(/\\n/g, '\n');

/** A PKCS8 PEM private key (checked by loading it); answered with real line breaks. */
const privateKeyPem = makeExactValidator<string>((input) => {
  const pem = pemText(input);
  try {
    createPrivateKey(pem);
  } catch {
    throw new EnvError('must be a PKCS8 PEM private key (-----BEGIN PRIVATE KEY-----; a one-line value may write its line breaks as \\n)');
  }
  return pem;
});

/** An SPKI PEM public key (checked by loading it); answered with real line breaks. */
const publicKeyPem = makeExactValidator<string>((input) => {
  const pem = pemText(input);
  try {
    if (!pem.includes('PUBLIC KEY')) throw new Error('not a public key');
    createPublicKey(pem);
  } catch {
    throw new EnvError('must be an SPKI PEM public key (-----BEGIN PUBLIC KEY-----; a one-line value may write its line breaks as \\n)');
  }
  return pem;
});

/** Comma-separated whole milliseconds, e.g. `400,800`. */
const millisecondsList = makeExactValidator<readonly number[]>((input) => {
  const steps = input.split(',').map((step) => step.trim());
  if (!steps.every((step) => /^\d+$/.test(step) && Number(step) > 0)) throw new EnvError(`must be comma-separated positive whole milliseconds, e.g. 400,800, ${got(input)}`);
  return steps.map(Number);
});

/** Comma-separated words; empty entries are dropped. */
const commaList = makeExactValidator<readonly string[]>((input) =>
  input
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

/** Any text (a path, a name, a secret). */
const text = makeExactValidator<string>((input) => input);

/** Express's `trust proxy`: true/false, a number of hops, or addresses and subnets. */
const trustProxy = makeExactValidator<boolean | number | string>((input) => {
  const raw = input.trim();
  if (/^\d+$/.test(raw)) return Number(raw);
  if (TRUE.includes(raw.toLowerCase())) return true;
  if (FALSE.includes(raw.toLowerCase())) return false;
  if (!/^[\w.:/, -]+$/.test(raw)) throw new EnvError(`must be true, false, a number of proxy hops, or addresses and subnets (e.g. "loopback, 10.0.0.0/8"), ${got(input)}`);
  return raw;
});

// ---------------------------------------------------------------------------------------------------------------
// The schema

export interface EnvVar<T, Default extends T | undefined = T | undefined> {
  type: ExactValidator<T>;
  /** What the docs and .env.example show as the type. */
  typeName: string;
  /** Used when the variable is unset or empty. */
  default: Default;
  /** The default with NODE_ENV=production, when it differs. */
  productionDefault?: T;
  /** The default as the docs say it, when it is not one value (it depends on the process or another variable). */
  defaultText?: string;
  /** Per process, when the default differs: documentation, and what `defaultFor` answers. */
  defaultFor?: Partial<Record<EnvReader, T>>;
  description: string;
  readBy: readonly EnvReader[];
  /** A secret: empty in .env.example, never repeated in an error message. */
  secret?: boolean;
  /** A value to show in .env.example (commented out). */
  example?: string;
}

type VariableOptions<T> = Omit<EnvVar<T>, 'type' | 'typeName' | 'default'> & { default?: T };
type DefaultOf<Options> = Options extends { default: infer Default } ? Default : undefined;

/** One variable; its options' literal types are kept (a typed `default`, `defaultFor`). */
function variable<T, const Options extends VariableOptions<T>>(type: ExactValidator<T>, typeName: string, options: Options): EnvVar<T, DefaultOf<Options> & (T | undefined)> & Options {
  return { type, typeName, ...options, default: options.default as DefaultOf<Options> & (T | undefined) };
}

const INT = 'positive integer';
const BOOL = 'boolean';
const URL_TYPE = 'URL';
const TEXT = 'text';
const PRIVATE_PEM = 'PKCS8 PEM private key';
const PUBLIC_PEM = 'SPKI PEM public key';
const SUBGRAPH_PROCESSES = ['subgraphs', 'modules'] as const;
const EVERY_PROCESS = ['gateway', 'subgraphs', 'modules'] as const;
const RETENTION_READERS = ['subgraphs', 'modules'] as const;

const HOUR_MS = 3_600_000;

export const ENV_SCHEMA = {
  NODE_ENV: variable(oneOf('development', 'production', 'test'), '"development", "production" or "test"', {
    default: 'development',
    description: '`production` refuses missing or built-in development secrets at start-up, never seeds the demo corp and changes the defaults marked "production".',
    readBy: [...EVERY_PROCESS, 'cli'],
  }),
  PORT: variable(portNumber, 'port', {
    defaultFor: { gateway: 4000 },
    defaultText: "4000 (gateway, `npm start`); a subgraph: its own port (identity 4001, …)",
    description: 'Port to listen on.',
    readBy: EVERY_PROCESS,
  }),
  HOST: variable(text, TEXT, { defaultText: 'all interfaces', description: 'Interface to listen on (`0.0.0.0` in containers).', readBy: EVERY_PROCESS }),
  LOG_LEVEL: variable(oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), 'pino level', {
    default: 'info',
    description: 'pino level (`debug`, `info`, `warn`, `error`, `silent`).',
    readBy: [...EVERY_PROCESS, 'cli'],
  }),
  DATABASE_URL: variable(postgresUrl, URL_TYPE, {
    defaultText: 'SQLite',
    description:
      'PostgreSQL server/database, e.g. `postgresql://postgres@127.0.0.1:5432/corphub`. Each subgraph keeps its tables in its own schema named after it. Unset: SQLite. Tests create and drop their own databases on that server.',
    readBy: [...SUBGRAPH_PROCESSES, 'cli', 'tests'],
    example: 'postgresql://postgres@127.0.0.1:5432/corphub',
  }),
  CORPHUB_DATA_DIR: variable(text, 'folder', { default: 'data', description: 'Folder for the SQLite files (one per subgraph), relative to the working directory.', readBy: [...SUBGRAPH_PROCESSES, 'cli'] }),
  CORPHUB_SEED_DEMO: variable(flag, BOOL, { default: false, description: '`1` seeds the demo corp (idempotent) in a subgraph process. `npm start` seeds it unless NODE_ENV=production.', readBy: SUBGRAPH_PROCESSES }),

  CORPHUB_JWT_SECRET: variable(text, 'secret', {
    defaultText: 'the development secret (refused in production)',
    description: 'HS256 secret for caller tokens (32+ characters in production).',
    readBy: ['gateway', 'cli'],
    secret: true,
  }),
  CORPHUB_JWKS_URL: variable(httpUrl, URL_TYPE, { description: "Verify caller tokens against an identity provider's JWKS instead (RS256/ES256).", readBy: ['gateway'] }),
  CORPHUB_INTERNAL_SECRET: variable(text, 'secret', {
    defaultText: 'the development secret (refused in production)',
    description: 'HS256 secret of the service tokens a hub subgraph signs to call the gateway (`signServiceToken`); must differ from the JWT secret. Vendor modules never get it.',
    readBy: ['gateway', 'subgraphs'],
    secret: true,
  }),
  CORPHUB_CONTEXT_PRIVATE_KEY: variable(privateKeyPem, PRIVATE_PEM, {
    defaultText: 'the development key pair (refused in production)',
    description:
      'Private key (Ed25519, or P-256 for ES256) that signs the verified context; its public half is served at `GET /.well-known/corphub-context-keys.json` (JWKS). Make one with `openssl genpkey -algorithm ed25519`. A PEM may be given on one line with `\\n` for its line breaks.',
    readBy: ['gateway'],
    secret: true,
  }),
  CORPHUB_OIDC_SIGNING_KEY: variable(privateKeyPem, PRIVATE_PEM, {
    defaultText: 'the development key (P-256); required in production unless CORPHUB_JWKS_URL is set',
    description:
      'Private key that signs the ID tokens of `/oauth/token`: P-256 (ES256, `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`), Ed25519 (EdDSA) or RSA of 2048+ bits (RS256). Its public half is the OpenID Connect `jwks_uri` (`GET /oauth/jwks`). Must differ from CORPHUB_CONTEXT_PRIVATE_KEY.',
    readBy: ['gateway'],
    secret: true,
  }),
  CORPHUB_CONTEXT_PUBLIC_KEY: variable(publicKeyPem, PUBLIC_PEM, {
    defaultText: 'the development public key (`npm start`: derived from the private key)',
    description: 'Public key that verifies the verified context (`openssl pkey -in key.pem -pubout`).',
    readBy: SUBGRAPH_PROCESSES,
  }),
  CORPHUB_CONTEXT_JWKS_URL: variable(httpUrl, URL_TYPE, {
    description:
      "Fetch the context's public keys from the gateway's JWKS instead (cached; fetched again when a context names an unknown `kid`, at most once per 30 s).",
    readBy: SUBGRAPH_PROCESSES,
    example: 'https://hub.example.com/.well-known/corphub-context-keys.json',
  }),
  CORPHUB_CONTEXT_NEXT_PRIVATE_KEY: variable(privateKeyPem, PRIVATE_PEM, {
    description:
      'During a key rotation: the next key of the verified context (Ed25519 or P-256). Its public half is published in the JWKS beside the current one; the gateway signs with it only with CORPHUB_CONTEXT_SIGN_WITH=next. Steps: docs/operations.md, rotating the context key.',
    readBy: ['gateway'],
    secret: true,
  }),
  CORPHUB_CONTEXT_SIGN_WITH: variable(oneOf('current', 'next'), '"current" or "next"', {
    defaultText: '`current`',
    description: '`next`: sign the verified context with CORPHUB_CONTEXT_NEXT_PRIVATE_KEY (step 2 of a rotation).',
    readBy: ['gateway'],
  }),
  CORPHUB_CONTEXT_NEXT_PUBLIC_KEY: variable(publicKeyPem, PUBLIC_PEM, {
    defaultText: '– (`npm start`: derived from the next private key)',
    description: "During a key rotation, for subgraphs given the key as PEM: the public half of the next key, accepted beside CORPHUB_CONTEXT_PUBLIC_KEY (the token's `kid` picks one).",
    readBy: SUBGRAPH_PROCESSES,
  }),

  CORPHUB_SUPERGRAPH_FILE: variable(text, 'file', {
    defaultText: 'gateway: required (the Docker image sets `/app/tooling/supergraph.graphql`); identity: `tooling/supergraph.graphql` of the checkout',
    description: "The core subgraphs' composed supergraph, written by `corphub compose`: the gateway serves it (with the modules published on top); a standalone identity checks modules against it.",
    readBy: ['gateway', 'identity'],
  }),
  CORPHUB_HUB_FILE: variable(text, 'file', {
    defaultText: '`hub.json` beside CORPHUB_SUPERGRAPH_FILE',
    description: 'The hub manifest written by `corphub compose` beside the supergraph: for each subgraph whether it is core, which HTTP routes it serves at the gateway, and which hub services it provides.',
    readBy: ['gateway'],
  }),
  CORPHUB_REGISTRY_POLL_MS: variable(positiveInt, INT, { default: 10_000, description: 'How often (ms) the gateway asks the module registry (identity) for a newer supergraph.', readBy: ['gateway'] }),
  CORPHUB_REGISTRY_CHANNEL: variable(text, TEXT, {
    default: 'corphub:registry',
    description: 'Redis channel on which an accepted publish tells every gateway replica to load the new supergraph at once (with REDIS_URL).',
    readBy: ['gateway', 'identity'],
  }),
  CORPHUB_GATEWAY_URL: variable(httpUrl, URL_TYPE, {
    default: 'http://localhost:4000/graphql',
    defaultText: '`http://localhost:4000/graphql` (`npm start`: the gateway it started)',
    description: 'Where a subgraph calls the graph with a service token (`GatewayClient`); the gateway the `corphub module` commands talk to (or `--gateway URL`).',
    readBy: [...SUBGRAPH_PROCESSES, 'cli'],
  }),
  CORPHUB_APP_SECRET: variable(text, 'secret', {
    defaultText: '– (the module does not call the hub: its approval requests are NOT_CONFIGURED)',
    description:
      "A vendor module's app secret (`registerApp` answers it once; the app id is the module's name): the module's `AppGraphClient` takes OAuth client-credentials tokens with it to call the graph as its app (e.g. to ask for approvals).",
    readBy: ['modules'],
    secret: true,
  }),
  CORPHUB_WEBHOOK_SECRET: variable(text, 'secret', {
    defaultText: "– (`POST /webhooks` answers 503; a module asking for approvals polls for their outcome instead)",
    description: "A vendor module's webhook signing secret (`whsec_…`, answered once with the app's `webhookUrl`): the module's `POST /webhooks` verifies the hub's deliveries with it.",
    readBy: ['modules'],
    secret: true,
  }),
  CORPHUB_TOKEN: variable(text, 'token', {
    description: "The token the `corphub module` commands send (or `--token`): a vendor token for the app, or a platform admin's with `--app`.",
    readBy: ['cli'],
    secret: true,
  }),
  CORPHUB_PUBLIC_URL: variable(publicUrl, URL_TYPE, {
    defaultFor: { subgraphs: 'http://localhost:4000', modules: 'http://localhost:4000' },
    defaultText: "development: the gateway's own `http://localhost:<port>` (a standalone subgraph: `http://localhost:4000`); required in production",
    description:
      "Public base URL of the gateway as callers reach it (e.g. `https://hub.example.com`, a path allowed, no query): the OpenID Connect issuer and the base of every URL the hub hands out (discovery, media links, SCIM locations). Never taken from a request's Host or X-Forwarded-* headers. In production it must be https, except for a loopback host.",
    readBy: EVERY_PROCESS,
    example: 'https://hub.example.com',
  }),
  CORPHUB_TRUST_PROXY: variable(trustProxy, 'true, false, hops or subnets', {
    default: false,
    defaultText: "off (nobody's)",
    description:
      "Whose X-Forwarded-* headers the gateway believes (Express `trust proxy`): `true`, a number of proxy hops (`1`), or addresses and subnets (`loopback, 10.0.0.0/8`). They set only what the gateway reads about the connection (https for the sign-in cookie's `Secure`); they never change CORPHUB_PUBLIC_URL.",
    readBy: ['gateway'],
  }),

  CORPHUB_MEDIA_MAX_IMAGE_BYTES: variable(positiveInt, INT, { default: 10 * 1024 * 1024, description: 'Largest image upload, in bytes.', readBy: ['media'] }),
  CORPHUB_MEDIA_MAX_DOCUMENT_BYTES: variable(positiveInt, INT, { default: 20 * 1024 * 1024, description: 'Largest document (invoice scan, PDF), in bytes.', readBy: ['media'] }),
  CORPHUB_MEDIA_MAX_AUDIO_BYTES: variable(positiveInt, INT, { default: 2 * 1024 * 1024, description: 'Largest voice note, in bytes.', readBy: ['media'] }),
  CORPHUB_MEDIA_MAX_AUDIO_SECONDS: variable(positiveInt, INT, { default: 60, description: 'Longest voice note, when its format gives a length.', readBy: ['media'] }),
  CORPHUB_MEDIA_URL_TTL_SECONDS: variable(positiveInt, INT, { default: 900, description: 'How long a signed media link works.', readBy: ['media'] }),
  CORPHUB_MEDIA_URL_SECRET: variable(text, 'secret', {
    defaultText: 'derived from CORPHUB_INTERNAL_SECRET',
    description: 'Optional separate key for signed media links.',
    readBy: ['media'],
    secret: true,
  }),
  CORPHUB_MEDIA_STORE: variable(oneOf('local', 's3'), '"local" or "s3"', {
    default: 'local',
    description: '`local` (files in CORPHUB_DATA_DIR/media) or `s3` (an S3-compatible bucket; S3 uploads are staged in CORPHUB_DATA_DIR/media-staging).',
    readBy: ['media'],
  }),
  CORPHUB_MEDIA_S3_BUCKET: variable(text, TEXT, { defaultText: 'required with CORPHUB_MEDIA_STORE=s3', description: "The S3 store's bucket.", readBy: ['media'] }),
  CORPHUB_MEDIA_S3_PREFIX: variable(text, TEXT, { defaultText: 'none', description: "The S3 store's key prefix.", readBy: ['media'] }),
  CORPHUB_MEDIA_S3_REGION: variable(text, TEXT, { defaultText: 'AWS_REGION, else `us-east-1`', description: "The S3 store's region.", readBy: ['media'] }),
  CORPHUB_MEDIA_S3_ENDPOINT: variable(httpUrl, URL_TYPE, { defaultText: 'AWS', description: "The S3 store's endpoint (MinIO, Ceph, R2 …).", readBy: ['media'] }),
  CORPHUB_MEDIA_S3_FORCE_PATH_STYLE: variable(flag, BOOL, { defaultText: 'true with an endpoint', description: 'Path-style bucket URLs.', readBy: ['media'] }),
  AWS_REGION: variable(text, TEXT, { description: 'The AWS SDK region; the S3 store uses it when CORPHUB_MEDIA_S3_REGION is unset.', readBy: ['media'] }),
  AWS_ACCESS_KEY_ID: variable(text, TEXT, { defaultText: "the AWS SDK's chain (profile, instance role)", description: "The S3 store's access key (with AWS_SECRET_ACCESS_KEY).", readBy: ['media'], secret: true }),
  AWS_SECRET_ACCESS_KEY: variable(text, 'secret', { description: "The S3 store's secret key.", readBy: ['media'], secret: true }),
  AWS_SESSION_TOKEN: variable(text, 'secret', { description: 'A temporary session token for the S3 store.', readBy: ['media'], secret: true }),

  CORPHUB_MAX_DEPTH: variable(positiveInt, INT, { default: 12, description: 'Deepest field nesting of an operation (refusal: its own code).', readBy: ['gateway'] }),
  CORPHUB_MAX_ALIASES: variable(positiveInt, INT, { default: 30, description: 'Most aliases in an operation.', readBy: ['gateway'] }),
  CORPHUB_MAX_COST: variable(positiveInt, INT, { default: 30_000, description: 'Highest cost of an operation (graphql-query-complexity, list fields weighted by `first`).', readBy: ['gateway'] }),
  CORPHUB_MAX_TOKENS: variable(positiveInt, INT, { default: 2_000, description: 'Most lexical tokens in an operation document.', readBy: ['gateway'] }),
  CORPHUB_MAX_DIRECTIVES: variable(positiveInt, INT, { default: 50, description: 'Most directives in an operation.', readBy: ['gateway'] }),
  CORPHUB_MAX_BODY_BYTES: variable(positiveInt, INT, { default: 1024 * 1024, description: 'Request body limit (413 `REQUEST_TOO_LARGE`).', readBy: ['gateway'] }),
  CORPHUB_MAX_UPLOAD_BYTES: variable(positiveInt, INT, {
    default: 25 * 1024 * 1024,
    description: "Largest body forwarded to a subgraph route such as `/media` (413 `PAYLOAD_TOO_LARGE`); keep it above media's largest kind limit.",
    readBy: ['gateway'],
  }),
  CORPHUB_SUBGRAPH_TIMEOUT_MS: variable(positiveInt, INT, {
    default: 10_000,
    description: 'Deadline of a subgraph fetch; a slow or dead subgraph gives partial data and `SUBGRAPH_TIMEOUT` / `SUBGRAPH_UNAVAILABLE`.',
    readBy: ['gateway'],
  }),
  CORPHUB_SUBGRAPH_BATCH_SIZE: variable(positiveInt, INT, {
    default: 16,
    description: 'Most reads of one caller and one query (other variables) sent to a subgraph as one HTTP batch; `1` sends each on its own. See bench/RESULTS.md.',
    readBy: ['gateway'],
  }),
  REDIS_URL: variable(redisUrl, URL_TYPE, {
    defaultText: '– (in-memory LRU; registry: polling only; messages: in process)',
    description: "Automatic persisted queries shared by gateway replicas; the registry's \"new supergraph\" notices; the messages subgraph's live-stream pub/sub and send counters shared by its replicas.",
    readBy: ['gateway', 'identity', 'messages'],
    example: 'redis://127.0.0.1:6379',
  }),
  CORPHUB_ACCESS_CACHE_SECONDS: variable(positiveInt, INT, {
    default: 30,
    description:
      "How long a gateway reuses a corp's installed modules, an app's scope and its revoked login grants. Changes through a gateway apply there at once, and on every other replica at once through a Redis notice (with REDIS_URL); without Redis, within this time.",
    readBy: ['gateway'],
  }),
  CORPHUB_ACCESS_CHANNEL: variable(text, TEXT, {
    default: 'corphub:access',
    description: "Redis channel on which a gateway replica tells the others to drop a corp's cached access after an install, uninstall, scope change or revoked grant (with REDIS_URL).",
    readBy: ['gateway'],
  }),
  CORPHUB_REDIS_PREFIX: variable(text, TEXT, { default: 'corphub:', description: "Prefix of the messages subgraph's Redis keys and channel.", readBy: ['messages'] }),
  CORPHUB_MESSAGES_RATE_LIMIT: variable(positiveInt, INT, { default: 300, description: "Sends allowed per sender (an app, or the corp's admins) and corp per window; more are `RATE_LIMITED`.", readBy: ['messages'] }),
  CORPHUB_MESSAGES_RATE_WINDOW_SECONDS: variable(positiveInt, INT, { default: 60, description: 'The window of CORPHUB_MESSAGES_RATE_LIMIT, in seconds.', readBy: ['messages'] }),
  CORPHUB_PERSISTED_QUERY_TTL_SECONDS: variable(positiveInt, INT, { default: 86_400, description: 'Lifetime of a persisted-query hash.', readBy: ['gateway'] }),
  CORPHUB_OPERATIONS_MANIFEST: variable(text, 'file', { description: 'Apollo-format operation manifest: its operations are registered at start.', readBy: ['gateway'] }),
  CORPHUB_ONLY_REGISTERED_OPERATIONS: variable(flag, BOOL, { default: false, description: 'Only the operations of CORPHUB_OPERATIONS_MANIFEST run (a safelist).', readBy: ['gateway'] }),
  CORPHUB_QUERY_PLAN_CACHE_MIB: variable(positiveInt, INT, { default: 30, description: 'Query plan cache size (hit ratio in `/metrics`).', readBy: ['gateway'] }),
  CORPHUB_CORS_ORIGINS: variable(commaList, 'comma-separated origins', { defaultText: 'same origin only', description: 'Allowed browser origins, `*` for any.', readBy: ['gateway'] }),
  CORPHUB_GRAPHIQL: variable(flag, BOOL, { default: true, description: 'Serve GraphiQL at `/graphiql` and `GET /graphql` for browsers.', readBy: ['gateway'] }),
  CORPHUB_CONSOLE_DIR: variable(text, 'folder', {
    defaultText: 'the build in `console/dist` (`npm start`, tests); a bare gateway: no console',
    description: "The admin console's built files, served at `/console`.",
    readBy: ['gateway'],
  }),
  CORPHUB_RESTRICT_INTROSPECTION: variable(flag, BOOL, { default: false, productionDefault: true, description: 'Introspection for admin, analyst and platform tokens only.', readBy: ['gateway'] }),
  CORPHUB_METRICS_TOKEN: variable(text, 'token', {
    defaultText: '– (open)',
    description: "Bearer token required by `/metrics` (the gateway's and each subgraph's); the only one that sees subgraph detail at the gateway's `/health` and `/ready`.",
    readBy: EVERY_PROCESS,
    secret: true,
  }),
  CORPHUB_METRICS_OPERATION_LABELS: variable(positiveInt, INT, {
    default: 100,
    description: 'Distinct operation names that get an `operation` label of their own in `/metrics`; later names share `other`. Operations of CORPHUB_OPERATIONS_MANIFEST always keep their name.',
    readBy: EVERY_PROCESS,
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: variable(httpUrl, URL_TYPE, {
    defaultText: '– (tracing off)',
    description: 'OpenTelemetry traces over OTLP/HTTP to `<endpoint>/v1/traces`.',
    readBy: EVERY_PROCESS,
    example: 'http://127.0.0.1:4318',
  }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: variable(httpUrl, URL_TYPE, { defaultText: '– (tracing off)', description: 'The OTLP/HTTP traces URL itself; either this or OTEL_EXPORTER_OTLP_ENDPOINT turns tracing on.', readBy: EVERY_PROCESS }),
  OTEL_SERVICE_NAME: variable(text, TEXT, { default: 'corphub-gateway', description: 'The gateway\'s service name in traces; a subgraph is always `corphub-<subgraph>`.', readBy: ['gateway'] }),
  CORPHUB_OAUTH_CODE_TTL_SECONDS: variable(positiveInt, INT, { default: 60, description: 'How long an authorization code from `/oauth/authorize` can be exchanged.', readBy: ['gateway'] }),
  CORPHUB_OAUTH_TOKEN_TTL_SECONDS: variable(secondsUpToADay, 'seconds, at most 86400', {
    default: 7200,
    description: 'Lifetime of access and ID tokens from `/oauth/token` (at most 86400: revoked grants are reported for a day).',
    readBy: ['gateway'],
  }),
  CORPHUB_OAUTH_REFRESH_TOKEN_TTL_SECONDS: variable(positiveInt, INT, {
    default: 30 * 86_400,
    description: 'Lifetime of a refresh token from `/oauth/token`; each use rotates it, and its successor lives this long again.',
    readBy: ['gateway'],
  }),
  CORPHUB_OAUTH_DEV_SIGN_IN: variable(flag, BOOL, { default: true, productionDefault: false, description: 'Serve the development sign-in page (pick a person, no password) at `/oauth/authorize`.', readBy: ['gateway'] }),
  CORPHUB_OAUTH_DEV_SIGN_IN_CORP: variable(text, 'corp id', { default: 'demo', description: 'The corp the development sign-in page offers when the request names none (`corp_id`).', readBy: ['gateway'] }),
  CORPHUB_WEBHOOK_POLL_MS: variable(positiveInt, INT, { default: 1000, description: 'How often (ms) the webhook dispatcher looks for due deliveries.', readBy: ['identity'] }),
  CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS: variable(millisecondsList, 'comma-separated milliseconds', {
    default: [5_000, 5 * 60_000, 30 * 60_000, 2 * HOUR_MS, 5 * HOUR_MS, ...Array<number>(8).fill(10 * HOUR_MS)],
    defaultText: '5 s, 5 min, 30 min, 2 h, 5 h, then 10 h ×8',
    description: 'Waits in milliseconds before each webhook retry (the last repeats), each spread ±10 % at random. The default is the Standard Webhooks schedule, stretched past three days.',
    readBy: ['identity'],
  }),
  CORPHUB_WEBHOOK_MAX_ATTEMPTS: variable(positiveInt, INT, {
    default: 14,
    description: 'Attempts before a webhook delivery is `FAILED` (default: the first and one per step of the schedule).',
    readBy: ['identity'],
  }),
  CORPHUB_WEBHOOK_TIMEOUT_MS: variable(positiveInt, INT, { default: 10_000, description: 'How long a webhook receiver may take to answer.', readBy: ['identity'] }),
  CORPHUB_WEBHOOKS_ALLOW_PRIVATE: variable(flag, BOOL, {
    default: true,
    productionDefault: false,
    description:
      '`1`: webhooks may go to loopback, private and link-local addresses (tests and the demo deliver to 127.0.0.1). `0`: such URLs are refused at registration (IP literals) and at each delivery (names resolving there).',
    readBy: ['identity'],
  }),
  CORPHUB_RETENTION_DAYS: variable(positiveInt, INT, {
    default: 30,
    description: "Delivered and failed webhook deliveries, webhook events with no delivery left, relayed outbox events, and the modules' sent or given-up outbox messages are deleted after this many days.",
    readBy: RETENTION_READERS,
  }),
  CORPHUB_RETENTION_PRUNE_INTERVAL_MS: variable(positiveInt, INT, { default: 60_000, description: 'Pruning of old rows runs at most this often (again at once while batches come back full).', readBy: RETENTION_READERS }),
  CORPHUB_RETENTION_PRUNE_BATCH: variable(positiveInt, INT, { default: 500, description: 'Rows deleted per pruning statement.', readBy: RETENTION_READERS }),
  CORPHUB_OUTBOX_POLL_MS: variable(positiveInt, INT, { default: 1000, description: 'How often (ms) a subgraph relays its outbox (events to identity, messages to the messages subgraph) and asks the approvals service for the outcome of the requests it is waiting on.', readBy: SUBGRAPH_PROCESSES }),
  APOLLO_TELEMETRY_DISABLED: variable(flag, BOOL, { default: true, defaultText: 'forced `true` unless set', description: "Apollo Gateway's outbound usage telemetry stays off.", readBy: ['gateway'] }),

  CHROMIUM_PATH: variable(text, 'file', { default: '/usr/bin/chromium', description: 'The Chromium the browser tests drive (skipped without one).', readBy: ['tests'] }),
  CORPHUB_SCREENSHOTS: variable(text, 'folder', { description: 'A folder where the browser tests keep pictures of the pages.', readBy: ['tests'] }),

  POSTGRES_PASSWORD: variable(text, 'secret', {
    default: 'corphub',
    description: "docker-compose.yml: the PostgreSQL password (local use only; applied when the volume is first created; goes into DATABASE_URL as is, so keep it URL-safe, e.g. hex).",
    readBy: ['compose'],
  }),
  GATEWAY_PORT: variable(portNumber, 'port', { default: 4000, description: "docker-compose.yml: the load balancer's published port.", readBy: ['compose'] }),
  CORPHUB_IMAGE: variable(text, 'image', { default: 'corphub:latest', description: 'docker-compose.yml: the image every hub service runs.', readBy: ['compose'] }),
} as const;

export type EnvSchema = typeof ENV_SCHEMA;
export type EnvName = keyof EnvSchema;
type ValueOf<V> = V extends EnvVar<infer T, infer Default> ? (undefined extends Default ? T | undefined : T) : never;
/** A variable's parsed value: `undefined` only when it has no default and is unset. */
export type EnvValue<Name extends EnvName> = ValueOf<EnvSchema[Name]>;

/** Variables with a name pattern: one per subgraph. */
export const ENV_PATTERNS = {
  'CORPHUB_SUBGRAPH_<NAME>_URL': {
    pattern: /^CORPHUB_SUBGRAPH_([A-Z0-9_]+)_URL$/,
    variable: variable(httpUrl, URL_TYPE, {
      defaultText: "the supergraph's URL",
      description: 'Where the gateway reaches subgraph `<name>`, e.g. `CORPHUB_SUBGRAPH_IDENTITY_URL=http://identity:4001/graphql`.',
      readBy: ['gateway'],
      example: 'http://identity:4001/graphql',
    }),
  },
  'CORPHUB_SUBGRAPH_<NAME>_TIMEOUT_MS': {
    pattern: /^CORPHUB_SUBGRAPH_([A-Z0-9_]+)_TIMEOUT_MS$/,
    variable: variable(positiveInt, INT, { defaultText: 'CORPHUB_SUBGRAPH_TIMEOUT_MS', description: 'The fetch deadline of subgraph `<name>`.', readBy: ['gateway'] }),
  },
} as const;
export type EnvPatternName = keyof typeof ENV_PATTERNS;

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** What is wrong with the environment: one line per variable, each naming it. */
export class EnvConfigError extends ConfigError {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `Invalid environment:\n  ${problems.join('\n  ')}`);
  }
}

const isSecret = (name: string) => (ENV_SCHEMA as Record<string, EnvVar<unknown>>)[name]?.secret === true;

function problemOf(name: string, error: Error, raw: string | undefined): string {
  // a secret's value is never repeated (logs, CI output)
  const message = isSecret(name) && raw !== undefined ? error.message.replace(got(raw), 'value not shown') : error.message;
  return `${name} ${message}`;
}

/** Unset and empty are the same: compose files pass `${X:-}` for an optional variable. */
const given = (env: RawEnv, name: string) => (env[name] === '' ? undefined : env[name]);

function clean(env: RawEnv, specs: Record<string, EnvVar<unknown>>): Record<string, unknown> {
  const production = given(env, 'NODE_ENV')?.trim().toLowerCase() === 'production';
  const raw: Record<string, string | undefined> = {};
  const envalidSpecs: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    raw[name] = given(env, name);
    const fallback = production && spec.productionDefault !== undefined ? spec.productionDefault : spec.default;
    // envalid: a spec with `default: undefined` is optional (the value may be absent)
    envalidSpecs[name] = spec.type({ default: fallback as never, desc: spec.description });
  }
  const problems: string[] = [];
  const cleaned = customCleanEnv(raw, envalidSpecs, (values) => values as Record<string, unknown>, {
    reporter: ({ errors }) => {
      for (const [name, error] of Object.entries(errors)) if (error) problems.push(problemOf(name, error, raw[name]));
    },
  });
  if (problems.length) throw new EnvConfigError(problems);
  return { ...cleaned };
}

/**
 * The named variables, parsed and checked (defaults applied): throws an EnvConfigError naming every bad one.
 * `env` defaults to the process's own environment.
 */
export function readEnv<const Names extends readonly EnvName[]>(names: Names, env: RawEnv = process.env): { readonly [Name in Names[number]]: EnvValue<Name> } {
  const specs = Object.fromEntries(names.map((name) => [name, ENV_SCHEMA[name] as EnvVar<unknown>]));
  return clean(env, specs) as { readonly [Name in Names[number]]: EnvValue<Name> };
}

/** The variables of one pattern that are set, by the lower-cased `<NAME>` (`CORPHUB_SUBGRAPH_IDENTITY_URL` → identity). */
export function readEnvPattern<Pattern extends EnvPatternName>(
  patternName: Pattern,
  env: RawEnv = process.env,
): Record<string, (typeof ENV_PATTERNS)[Pattern]['variable'] extends EnvVar<infer T> ? T : never> {
  const { pattern, variable: spec } = ENV_PATTERNS[patternName];
  const specs: Record<string, EnvVar<unknown>> = {};
  for (const name of Object.keys(env)) if (pattern.test(name) && given(env, name) !== undefined) specs[name] = spec as EnvVar<unknown>;
  const values = clean(env, specs);
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [pattern.exec(name)![1].toLowerCase(), value])) as never;
}

/** Every variable (and pattern) `readers` read. */
export function envNamesReadBy(readers: readonly EnvReader[]): { names: EnvName[]; patterns: EnvPatternName[] } {
  const reads = (spec: EnvVar<unknown>) => spec.readBy.some((reader) => readers.includes(reader));
  return {
    names: (Object.keys(ENV_SCHEMA) as EnvName[]).filter((name) => reads(ENV_SCHEMA[name] as EnvVar<unknown>)),
    patterns: (Object.keys(ENV_PATTERNS) as EnvPatternName[]).filter((name) => reads(ENV_PATTERNS[name].variable as EnvVar<unknown>)),
  };
}

/** Checks every variable `readers` read; throws one EnvConfigError naming every bad value. */
export function checkEnv(readers: readonly EnvReader[], env: RawEnv = process.env): void {
  const { names, patterns } = envNamesReadBy(readers);
  const problems: string[] = [];
  const collect = (read: () => unknown) => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof EnvConfigError)) throw error;
      problems.push(...error.problems);
    }
  };
  collect(() => readEnv(names, env));
  for (const pattern of patterns) collect(() => readEnvPattern(pattern, env));
  if (problems.length) throw new EnvConfigError(problems);
}

/**
 * For a process's entry point, first thing: checks its variables and, when one is bad, says which and why on
 * stderr and exits with 1 (before any logger, server or database is made).
 */
export function exitOnInvalidEnv(program: string, readers: readonly EnvReader[], env: RawEnv = process.env): void {
  try {
    checkEnv(readers, env);
  } catch (error) {
    if (!(error instanceof EnvConfigError)) throw error;
    process.stderr.write(`${program}: invalid configuration (docs/configuration.md, .env.example):\n  ${error.problems.join('\n  ')}\n`);
    process.exit(1);
  }
}
