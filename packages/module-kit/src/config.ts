import { createPrivateKey, createPublicKey } from 'node:crypto';
import path from 'node:path';
import { ConfigError } from './config-error';
import { readEnv, type RawEnv } from './env';

/** Built-in development secrets: fine on a laptop, refused with NODE_ENV=production. */
export const DEV_JWT_SECRET = 'corphub-development-jwt-secret-do-not-use-in-production';
export const DEV_INTERNAL_SECRET = 'corphub-development-internal-secret-do-not-use-in-production';
/** The development key pair (Ed25519) of the verified context: published here, so refused with NODE_ENV=production. */
export const DEV_CONTEXT_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIHPyJ17rGAPkQzyM43YS0tNMZR2VIaGSs+5Xi5U2SefG
-----END PRIVATE KEY-----
`;
export const DEV_CONTEXT_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAd1L+OCGZ7uWXiY5/ZXYlx4IxtC5VT6vRHB0+FpYAgas=
-----END PUBLIC KEY-----
`;

/**
 * The development key (P-256, so ES256) that signs the ID tokens of the hub's OpenID Connect login; its public
 * half is published at the gateway's jwks_uri. Published here, so refused with NODE_ENV=production.
 */
export const DEV_OIDC_SIGNING_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgGgphj+F3gzlr6Z7+
5q9Zk2c2jIXwYZjqzvn75v6uB2ahRANCAAS4onON4xUHF02k91npe3JeBCn9kxHc
ftqEVAmrNHMDiQBPp23jPS4ZJTUz9FPv+tAtbP5XxoA5XKDXCAFyOdrh
-----END PRIVATE KEY-----
`;

/** Who reads the configuration: what each one holds differs (see readSecurityConfig). */
export type SecurityComponent = 'gateway' | 'subgraph' | 'vendor';

export interface SecurityConfig {
  /** HS256 secret that signs caller tokens (development, tests, `npm run token`). */
  jwtSecret: string;
  /** When set, caller tokens are verified against this JWKS (RS256/ES256 from an identity provider). */
  jwksUrl?: string;
  /**
   * HS256 key of the hub's own service tokens (a hub subgraph calling the gateway, `signServiceToken`).
   * Absent in a vendor module: it calls the gateway with OAuth client credentials instead.
   */
  internalSecret?: string;
  /** Gateway only: the PKCS8 PEM private key (Ed25519 or P-256) that signs the verified context. */
  contextPrivateKey?: string;
  /**
   * Gateway only, during a key rotation: the next key of the verified context. Its public half is published in
   * the JWKS beside the current one; the gateway signs with it only when `contextSignWith` is `next`.
   */
  contextNextPrivateKey?: string;
  /** Gateway only: which key signs the verified context (`next` in step 2 of a rotation, docs/operations.md). */
  contextSignWith?: 'current' | 'next';
  /**
   * Gateway only: the PKCS8 PEM private key (P-256 for ES256, Ed25519 for EdDSA, RSA for RS256) that signs the ID
   * tokens of /oauth/token; its public half is the OpenID Connect jwks_uri.
   */
  oidcSigningKey?: string;
  /** Subgraphs: the SPKI PEM public key that verifies the verified context (when no `contextJwksUrl`). */
  contextPublicKey?: string;
  /**
   * Subgraphs, during a key rotation: the public half of the gateway's next key, accepted beside
   * `contextPublicKey` (the hub in one process: derived from the gateway's next private key).
   */
  contextNextPublicKey?: string;
  /** Subgraphs: the gateway's JWKS (`/.well-known/corphub-context-keys.json`), fetched and cached. */
  contextJwksUrl?: string;
  /**
   * Subgraphs with `contextJwksUrl`: the least time between two fetches of the JWKS for a context signed with a
   * key it does not list (default 30 s, jose's), so forged `kid`s cannot make a subgraph hammer the gateway.
   * Not read from the environment; tests shorten it.
   */
  contextJwksCooldownMs?: number;
  /** When set, GET /metrics (gateway and every subgraph) needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

export { ConfigError } from './config-error';

/** NODE_ENV=production (checked against the schema: `prod` is an error, not development). */
export function isProduction(env?: RawEnv): boolean {
  return readEnv(['NODE_ENV'], env).NODE_ENV === 'production';
}

/** The SPKI PEM public key of a PKCS8 PEM private key (a malformed one is a ConfigError). */
export function publicKeyOf(privateKeyPem: string, variable = 'CORPHUB_CONTEXT_PRIVATE_KEY'): string {
  try {
    return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    throw new ConfigError(`${variable} must be a PKCS8 PEM private key (Ed25519 or P-256)`);
  }
}

/** Two PEM texts of one key, whatever their line breaks. */
const samePem = (a: string | undefined, b: string) => a !== undefined && a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * The gateway holds the caller-token key, the hub's service-token secret and the private key of the verified
 * context. A hub subgraph holds the service-token secret and verifies the context with the public key (or the
 * gateway's JWKS); it is never given the caller-token key. A vendor module holds only the public key or JWKS
 * URL: nothing it holds can sign anything the hub accepts.
 */
export function readSecurityConfig(env?: RawEnv, component: SecurityComponent = 'gateway'): SecurityConfig {
  // PEM values come back with real line breaks (a one-line .env file writes them as \n), each key loaded once
  const vars = readEnv(
    [
      'CORPHUB_JWT_SECRET',
      'CORPHUB_JWKS_URL',
      'CORPHUB_INTERNAL_SECRET',
      'CORPHUB_CONTEXT_PRIVATE_KEY',
      'CORPHUB_CONTEXT_NEXT_PRIVATE_KEY',
      'CORPHUB_CONTEXT_SIGN_WITH',
      'CORPHUB_OIDC_SIGNING_KEY',
      'CORPHUB_CONTEXT_PUBLIC_KEY',
      'CORPHUB_CONTEXT_NEXT_PUBLIC_KEY',
      'CORPHUB_CONTEXT_JWKS_URL',
      'CORPHUB_METRICS_TOKEN',
    ],
    env,
  );
  const contextPrivateKey = component === 'gateway' ? vars.CORPHUB_CONTEXT_PRIVATE_KEY || DEV_CONTEXT_PRIVATE_KEY : undefined;
  const contextJwksUrl = component === 'gateway' ? undefined : vars.CORPHUB_CONTEXT_JWKS_URL;
  const contextNextPrivateKey = component === 'gateway' ? vars.CORPHUB_CONTEXT_NEXT_PRIVATE_KEY : undefined;
  const signWith = component === 'gateway' ? vars.CORPHUB_CONTEXT_SIGN_WITH : undefined;
  if (signWith === 'next' && !contextNextPrivateKey) throw new ConfigError('CORPHUB_CONTEXT_SIGN_WITH=next needs CORPHUB_CONTEXT_NEXT_PRIVATE_KEY');
  const config: SecurityConfig = {
    jwtSecret: vars.CORPHUB_JWT_SECRET || DEV_JWT_SECRET,
    jwksUrl: vars.CORPHUB_JWKS_URL,
    internalSecret: component === 'vendor' ? undefined : vars.CORPHUB_INTERNAL_SECRET || DEV_INTERNAL_SECRET,
    contextPrivateKey,
    ...(contextNextPrivateKey ? { contextNextPrivateKey } : {}),
    ...(signWith ? { contextSignWith: signWith } : {}),
    oidcSigningKey: component === 'gateway' ? vars.CORPHUB_OIDC_SIGNING_KEY || DEV_OIDC_SIGNING_KEY : undefined,
    // the gateway's own (the all-in-one hub's subgraphs share its configuration) is derived from its private key
    contextPublicKey: vars.CORPHUB_CONTEXT_PUBLIC_KEY || (contextJwksUrl ? undefined : contextPrivateKey ? publicKeyOf(contextPrivateKey) : DEV_CONTEXT_PUBLIC_KEY),
    contextJwksUrl,
    metricsToken: vars.CORPHUB_METRICS_TOKEN,
  };
  const nextPublicKey = vars.CORPHUB_CONTEXT_NEXT_PUBLIC_KEY || (contextNextPrivateKey ? publicKeyOf(contextNextPrivateKey, 'CORPHUB_CONTEXT_NEXT_PRIVATE_KEY') : undefined);
  if (nextPublicKey && !contextJwksUrl) config.contextNextPublicKey = nextPublicKey;
  if (isProduction(env)) {
    const weak = (value: string | undefined, devValue: string) => !value || value === devValue || value.length < 32;
    if (component === 'gateway' && !config.jwksUrl && weak(vars.CORPHUB_JWT_SECRET, DEV_JWT_SECRET)) {
      throw new ConfigError('NODE_ENV=production needs CORPHUB_JWT_SECRET (32+ characters, not the development default) or CORPHUB_JWKS_URL');
    }
    if (component !== 'vendor' && weak(vars.CORPHUB_INTERNAL_SECRET, DEV_INTERNAL_SECRET)) {
      throw new ConfigError('NODE_ENV=production needs CORPHUB_INTERNAL_SECRET (32+ characters, not the development default)');
    }
    if (component !== 'vendor' && config.internalSecret === config.jwtSecret) {
      throw new ConfigError('CORPHUB_INTERNAL_SECRET must differ from CORPHUB_JWT_SECRET');
    }
    if (component === 'gateway' && (!vars.CORPHUB_CONTEXT_PRIVATE_KEY || samePem(config.contextPrivateKey, DEV_CONTEXT_PRIVATE_KEY))) {
      throw new ConfigError('NODE_ENV=production needs CORPHUB_CONTEXT_PRIVATE_KEY (a PKCS8 PEM private key, not the development one)');
    }
    // with CORPHUB_JWKS_URL another provider signs people in and the token endpoint issues no ID tokens
    if (component === 'gateway' && !config.jwksUrl && (!vars.CORPHUB_OIDC_SIGNING_KEY || samePem(config.oidcSigningKey, DEV_OIDC_SIGNING_KEY))) {
      throw new ConfigError('NODE_ENV=production needs CORPHUB_OIDC_SIGNING_KEY (a PKCS8 PEM private key for ID tokens, not the development one)');
    }
    if (component === 'gateway' && samePem(config.oidcSigningKey, config.contextPrivateKey!)) {
      throw new ConfigError('CORPHUB_OIDC_SIGNING_KEY must differ from CORPHUB_CONTEXT_PRIVATE_KEY');
    }
    if (contextNextPrivateKey && [DEV_CONTEXT_PRIVATE_KEY, config.oidcSigningKey, config.contextPrivateKey].some((other) => samePem(other, contextNextPrivateKey))) {
      throw new ConfigError('CORPHUB_CONTEXT_NEXT_PRIVATE_KEY must be a new key: not the development one, CORPHUB_CONTEXT_PRIVATE_KEY nor CORPHUB_OIDC_SIGNING_KEY');
    }
    if (component !== 'gateway' && !vars.CORPHUB_CONTEXT_PUBLIC_KEY && !vars.CORPHUB_CONTEXT_JWKS_URL) {
      throw new ConfigError("NODE_ENV=production needs CORPHUB_CONTEXT_JWKS_URL (the gateway's /.well-known/corphub-context-keys.json) or CORPHUB_CONTEXT_PUBLIC_KEY");
    }
    if (samePem(config.contextPublicKey, DEV_CONTEXT_PUBLIC_KEY) || samePem(config.contextNextPublicKey, DEV_CONTEXT_PUBLIC_KEY)) {
      throw new ConfigError('CORPHUB_CONTEXT_PUBLIC_KEY must not be the development key in production');
    }
  }
  return config;
}

/** The service-token secret of a hub subgraph; a vendor module has none (it uses OAuth client credentials). */
export function hubSecret(security: SecurityConfig): string {
  if (!security.internalSecret) throw new ConfigError('Only hub subgraphs hold CORPHUB_INTERNAL_SECRET: a vendor module calls the gateway with OAuth client credentials');
  return security.internalSecret;
}

/** Where the embedded SQLite files live: one file per subgraph. */
export function dataDir(env?: RawEnv): string {
  return path.resolve(readEnv(['CORPHUB_DATA_DIR'], env).CORPHUB_DATA_DIR);
}
