/**
 * The environment schema (src/env.ts): each type parses what it should and refuses the rest with a message that
 * names the variable; unset and empty mean the default; nothing bad falls back silently.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  checkEnv,
  ConfigError,
  DEV_CONTEXT_PRIVATE_KEY,
  DEV_CONTEXT_PUBLIC_KEY,
  ENV_PATTERNS,
  ENV_READERS,
  ENV_SCHEMA,
  EnvConfigError,
  envNamesReadBy,
  readEnv,
  readEnvPattern,
  type EnvVar,
} from '../src';

/** The message readEnv throws for `values`, or undefined when it accepts them. */
function problemsOf(values: Record<string, string>): string[] | undefined {
  try {
    readEnv(Object.keys(values) as (keyof typeof ENV_SCHEMA)[], values);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(EnvConfigError);
    return (error as EnvConfigError).problems;
  }
}

describe('the environment schema', () => {
  describe('numbers (positive integers)', () => {
    it('parses whole numbers and applies the default when unset or empty', () => {
      expect(readEnv(['CORPHUB_WEBHOOK_MAX_ATTEMPTS'], { CORPHUB_WEBHOOK_MAX_ATTEMPTS: '4' }).CORPHUB_WEBHOOK_MAX_ATTEMPTS).toBe(4);
      expect(readEnv(['CORPHUB_WEBHOOK_MAX_ATTEMPTS'], { CORPHUB_WEBHOOK_MAX_ATTEMPTS: ' 7 ' }).CORPHUB_WEBHOOK_MAX_ATTEMPTS).toBe(7);
      expect(readEnv(['CORPHUB_WEBHOOK_MAX_ATTEMPTS'], {}).CORPHUB_WEBHOOK_MAX_ATTEMPTS).toBe(14);
      expect(readEnv(['CORPHUB_WEBHOOK_MAX_ATTEMPTS'], { CORPHUB_WEBHOOK_MAX_ATTEMPTS: '' }).CORPHUB_WEBHOOK_MAX_ATTEMPTS).toBe(14);
    });

    it.each(['abc', '-5', '0', '1.5', '1e3', '12abc', '99999999999999999999'])('refuses %p, naming the variable and the value', (value) => {
      expect(problemsOf({ CORPHUB_WEBHOOK_MAX_ATTEMPTS: value })).toEqual([`CORPHUB_WEBHOOK_MAX_ATTEMPTS must be a positive integer, got "${value}"`]);
    });

    it('keeps an upper bound where the type has one (access tokens live at most a day)', () => {
      expect(readEnv(['CORPHUB_OAUTH_TOKEN_TTL_SECONDS'], { CORPHUB_OAUTH_TOKEN_TTL_SECONDS: '86400' }).CORPHUB_OAUTH_TOKEN_TTL_SECONDS).toBe(86_400);
      expect(problemsOf({ CORPHUB_OAUTH_TOKEN_TTL_SECONDS: '86401' })).toEqual(['CORPHUB_OAUTH_TOKEN_TTL_SECONDS must be at most 86400, got "86401"']);
    });

    it('takes ports from 0 (any free one) to 65535', () => {
      expect(readEnv(['PORT'], { PORT: '0' }).PORT).toBe(0);
      expect(readEnv(['PORT'], {}).PORT).toBeUndefined();
      expect(ENV_SCHEMA.PORT.defaultFor.gateway).toBe(4000);
      expect(problemsOf({ PORT: 'x' })).toEqual(['PORT must be a port number from 0 to 65535, got "x"']);
      expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must be a port number from 0 to 65535, got "70000"']);
    });

    it('parses lists of milliseconds, refusing one bad step', () => {
      expect(readEnv(['CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS'], { CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS: '400, 800' }).CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS).toEqual([400, 800]);
      expect(problemsOf({ CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS: '400,soon' })).toEqual(['CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS must be comma-separated positive whole milliseconds, e.g. 400,800, got "400,soon"']);
    });
  });

  describe('booleans', () => {
    it.each([
      ['true', true],
      ['1', true],
      ['YES', true],
      ['on', true],
      ['false', false],
      ['0', false],
      ['No', false],
      ['off', false],
    ])('reads %p as %p', (value, expected) => {
      expect(readEnv(['CORPHUB_GRAPHIQL'], { CORPHUB_GRAPHIQL: value }).CORPHUB_GRAPHIQL).toBe(expected);
    });

    it('refuses anything else', () => {
      expect(problemsOf({ CORPHUB_GRAPHIQL: 'maybe' })).toEqual(['CORPHUB_GRAPHIQL must be true or false (or 1/0, yes/no, on/off), got "maybe"']);
    });

    it('has a production default where it differs, which an explicit value overrides', () => {
      expect(readEnv(['CORPHUB_WEBHOOKS_ALLOW_PRIVATE'], {}).CORPHUB_WEBHOOKS_ALLOW_PRIVATE).toBe(true);
      expect(readEnv(['CORPHUB_WEBHOOKS_ALLOW_PRIVATE'], { NODE_ENV: 'production' }).CORPHUB_WEBHOOKS_ALLOW_PRIVATE).toBe(false);
      expect(readEnv(['CORPHUB_WEBHOOKS_ALLOW_PRIVATE'], { NODE_ENV: 'production', CORPHUB_WEBHOOKS_ALLOW_PRIVATE: '1' }).CORPHUB_WEBHOOKS_ALLOW_PRIVATE).toBe(true);
      expect(readEnv(['CORPHUB_RESTRICT_INTROSPECTION'], { NODE_ENV: 'production' }).CORPHUB_RESTRICT_INTROSPECTION).toBe(true);
    });
  });

  describe('URLs', () => {
    it('takes http(s) URLs and refuses other schemes and non-URLs', () => {
      expect(readEnv(['CORPHUB_GATEWAY_URL'], { CORPHUB_GATEWAY_URL: 'http://gateway:4000/graphql' }).CORPHUB_GATEWAY_URL).toBe('http://gateway:4000/graphql');
      expect(readEnv(['CORPHUB_GATEWAY_URL'], {}).CORPHUB_GATEWAY_URL).toBe('http://localhost:4000/graphql');
      expect(problemsOf({ CORPHUB_GATEWAY_URL: 'gateway:4000' })).toEqual(['CORPHUB_GATEWAY_URL must be a http or https URL, got "gateway:4000"']);
      expect(problemsOf({ CORPHUB_GATEWAY_URL: 'not a url' })).toEqual(['CORPHUB_GATEWAY_URL must be an absolute http(s) URL, got "not a url"']);
    });

    it('takes only PostgreSQL URLs for DATABASE_URL and Redis URLs for REDIS_URL', () => {
      expect(readEnv(['DATABASE_URL'], { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/corphub' }).DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/corphub');
      expect(problemsOf({ DATABASE_URL: 'mysql://db/corphub' })).toEqual(['DATABASE_URL must be a postgres or postgresql URL, got "mysql://db/corphub"']);
      expect(problemsOf({ REDIS_URL: 'http://redis:6379' })).toEqual(['REDIS_URL must be a redis or rediss URL, got "http://redis:6379"']);
    });

    it('takes the public URL without a trailing slash, and refuses a query, fragment or credentials', () => {
      expect(readEnv(['CORPHUB_PUBLIC_URL'], { CORPHUB_PUBLIC_URL: 'https://hub.example.com/corphub/' }).CORPHUB_PUBLIC_URL).toBe('https://hub.example.com/corphub');
      for (const value of ['https://hub.example.com/?a=1', 'https://hub.example.com/#x', 'https://user:pw@hub.example.com', 'ftp://hub.example.com']) {
        expect(problemsOf({ CORPHUB_PUBLIC_URL: value })).toEqual([`CORPHUB_PUBLIC_URL must be an http(s) URL without credentials, query or fragment, got "${value}"`]);
      }
    });
  });

  describe('enumerations', () => {
    it('take one of their words, in any case', () => {
      expect(readEnv(['CORPHUB_MEDIA_STORE'], { CORPHUB_MEDIA_STORE: 'S3' }).CORPHUB_MEDIA_STORE).toBe('s3');
      expect(readEnv(['LOG_LEVEL'], {}).LOG_LEVEL).toBe('info');
      expect(readEnv(['NODE_ENV'], {}).NODE_ENV).toBe('development');
    });

    it('refuse any other, listing the words', () => {
      expect(problemsOf({ CORPHUB_MEDIA_STORE: 'ftp' })).toEqual(['CORPHUB_MEDIA_STORE must be "local" or "s3", got "ftp"']);
      // NODE_ENV=prod would otherwise run as development, with the development secrets
      expect(problemsOf({ NODE_ENV: 'prod' })).toEqual(['NODE_ENV must be "development", "production" or "test", got "prod"']);
      expect(problemsOf({ LOG_LEVEL: 'verbose' })?.[0]).toMatch(/^LOG_LEVEL must be "fatal", "error", "warn", "info", "debug", "trace" or "silent", got "verbose"$/);
    });
  });

  describe('PEM keys', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const privatePem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();

    it('take a PEM as is, or on one line with \\n for its line breaks', () => {
      expect(readEnv(['CORPHUB_OIDC_SIGNING_KEY'], { CORPHUB_OIDC_SIGNING_KEY: privatePem }).CORPHUB_OIDC_SIGNING_KEY).toBe(privatePem);
      expect(readEnv(['CORPHUB_OIDC_SIGNING_KEY'], { CORPHUB_OIDC_SIGNING_KEY: privatePem.replace(/\n/g, '\\n') }).CORPHUB_OIDC_SIGNING_KEY).toBe(privatePem);
      expect(readEnv(['CORPHUB_CONTEXT_PUBLIC_KEY'], { CORPHUB_CONTEXT_PUBLIC_KEY: DEV_CONTEXT_PUBLIC_KEY.replace(/\n/g, '\\n') }).CORPHUB_CONTEXT_PUBLIC_KEY).toBe(DEV_CONTEXT_PUBLIC_KEY);
      expect(readEnv(['CORPHUB_CONTEXT_PUBLIC_KEY'], { CORPHUB_CONTEXT_PUBLIC_KEY: publicPem }).CORPHUB_CONTEXT_PUBLIC_KEY).toBe(publicPem);
    });

    it('refuse what is not a key, or the wrong half, without repeating the value', () => {
      const problems = problemsOf({ CORPHUB_CONTEXT_PRIVATE_KEY: 'my-secret-garbage' });
      expect(problems).toEqual([expect.stringMatching(/^CORPHUB_CONTEXT_PRIVATE_KEY must be a PKCS8 PEM private key/)]);
      expect(problems!.join()).not.toContain('my-secret-garbage');
      expect(problemsOf({ CORPHUB_CONTEXT_PRIVATE_KEY: publicPem })?.[0]).toMatch(/^CORPHUB_CONTEXT_PRIVATE_KEY must be a PKCS8 PEM private key/);
      expect(problemsOf({ CORPHUB_CONTEXT_PUBLIC_KEY: DEV_CONTEXT_PRIVATE_KEY })?.[0]).toMatch(/^CORPHUB_CONTEXT_PUBLIC_KEY must be an SPKI PEM public key/);
      expect(problemsOf({ CORPHUB_CONTEXT_PUBLIC_KEY: DEV_CONTEXT_PRIVATE_KEY })!.join()).not.toContain(DEV_CONTEXT_PRIVATE_KEY.split('\n')[1]);
    });
  });

  it('reads the trust-proxy setting as a flag, a hop count or addresses', () => {
    expect(readEnv(['CORPHUB_TRUST_PROXY'], {}).CORPHUB_TRUST_PROXY).toBe(false);
    expect(readEnv(['CORPHUB_TRUST_PROXY'], { CORPHUB_TRUST_PROXY: '2' }).CORPHUB_TRUST_PROXY).toBe(2);
    expect(readEnv(['CORPHUB_TRUST_PROXY'], { CORPHUB_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).CORPHUB_TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(problemsOf({ CORPHUB_TRUST_PROXY: 'everyone!' })?.[0]).toMatch(/^CORPHUB_TRUST_PROXY must be true, false, a number of proxy hops/);
  });

  it('reads the variables of a pattern by subgraph name, checking each', () => {
    expect(readEnvPattern('CORPHUB_SUBGRAPH_<NAME>_URL', { CORPHUB_SUBGRAPH_IDENTITY_URL: 'http://identity:4001/graphql', CORPHUB_SUBGRAPH_MEDIA_URL: '' })).toEqual({ identity: 'http://identity:4001/graphql' });
    expect(readEnvPattern('CORPHUB_SUBGRAPH_<NAME>_TIMEOUT_MS', { CORPHUB_SUBGRAPH_TIMEOUT_MS: '5', CORPHUB_SUBGRAPH_MEDIA_TIMEOUT_MS: '250' })).toEqual({ media: 250 });
    expect(() => readEnvPattern('CORPHUB_SUBGRAPH_<NAME>_URL', { CORPHUB_SUBGRAPH_IDENTITY_URL: 'identity:4001' })).toThrow('CORPHUB_SUBGRAPH_IDENTITY_URL must be a http or https URL, got "identity:4001"');
  });

  it("checks a process's variables all at once, and only its own", () => {
    const env = { CORPHUB_REGISTRY_POLL_MS: '-5', PORT: 'x', CORPHUB_SUBGRAPH_DIRECTORY_TIMEOUT_MS: 'soon', CORPHUB_WEBHOOK_MAX_ATTEMPTS: 'abc' };
    let error: unknown;
    try {
      checkEnv(['gateway'], env);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as EnvConfigError).problems.sort()).toEqual([
      'CORPHUB_REGISTRY_POLL_MS must be a positive integer, got "-5"',
      'CORPHUB_SUBGRAPH_DIRECTORY_TIMEOUT_MS must be a positive integer, got "soon"',
      'PORT must be a port number from 0 to 65535, got "x"',
    ]);
    // identity's variable is not the gateway's concern, nor the gateway's identity's
    expect(() => checkEnv(['subgraphs', 'identity'], { CORPHUB_REGISTRY_POLL_MS: '-5' })).not.toThrow();
    expect(() => checkEnv(['subgraphs', 'identity'], { CORPHUB_WEBHOOK_MAX_ATTEMPTS: 'abc' })).toThrow('CORPHUB_WEBHOOK_MAX_ATTEMPTS must be a positive integer, got "abc"');
    expect(() => checkEnv(['modules'], { CORPHUB_WEBHOOK_MAX_ATTEMPTS: 'abc' })).not.toThrow();
  });

  it('declares for every variable a description, who reads it and a default or what happens unset', () => {
    const all = [...Object.entries(ENV_SCHEMA), ...Object.entries(ENV_PATTERNS).map(([name, { variable }]) => [name, variable] as const)] as [string, EnvVar<unknown>][];
    expect(all.length).toBeGreaterThan(80);
    for (const [name, spec] of all) {
      expect({ name, described: spec.description.length > 10, readers: spec.readBy.length > 0 && spec.readBy.every((reader) => ENV_READERS.includes(reader)) }).toEqual({ name, described: true, readers: true });
      // a variable without a default says what happens when it is unset (or has nothing to say: optional, off)
      if (spec.default !== undefined && spec.defaultText === undefined) expect({ name, parsed: readEnv([name as keyof typeof ENV_SCHEMA], {})[name as keyof typeof ENV_SCHEMA] }).toEqual({ name, parsed: spec.default });
    }
    // the gateway reads the most; every reader reads something
    for (const reader of ENV_READERS) expect({ reader, some: envNamesReadBy([reader]).names.length > 0 }).toEqual({ reader, some: true });
  });
});
