import path from 'node:path';

/** Built-in development secrets: fine on a laptop, refused with NODE_ENV=production. */
export const DEV_JWT_SECRET = 'corphub-development-jwt-secret-do-not-use-in-production';
export const DEV_INTERNAL_SECRET = 'corphub-development-internal-secret-do-not-use-in-production';

export interface SecurityConfig {
  /** HS256 secret that signs caller tokens (development, tests, `npm run token`). */
  jwtSecret: string;
  /** When set, caller tokens are verified against this JWKS (RS256/ES256 from an identity provider). */
  jwksUrl?: string;
  /** Separate key for the verified context the gateway forwards to subgraphs. */
  internalSecret: string;
}

export class ConfigError extends Error {}

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * The gateway needs both keys; a subgraph only checks the verified context, so it is never given
 * (nor asked for) the key that signs caller tokens.
 */
export function readSecurityConfig(env: NodeJS.ProcessEnv = process.env, component: 'gateway' | 'subgraph' = 'gateway'): SecurityConfig {
  const config: SecurityConfig = {
    jwtSecret: env.CORPHUB_JWT_SECRET || DEV_JWT_SECRET,
    jwksUrl: env.CORPHUB_JWKS_URL || undefined,
    internalSecret: env.CORPHUB_INTERNAL_SECRET || DEV_INTERNAL_SECRET,
  };
  if (isProduction(env)) {
    const weak = (value: string | undefined, devValue: string) => !value || value === devValue || value.length < 32;
    if (component === 'gateway' && !config.jwksUrl && weak(env.CORPHUB_JWT_SECRET, DEV_JWT_SECRET)) {
      throw new ConfigError('NODE_ENV=production needs CORPHUB_JWT_SECRET (32+ characters, not the development default) or CORPHUB_JWKS_URL');
    }
    if (weak(env.CORPHUB_INTERNAL_SECRET, DEV_INTERNAL_SECRET)) {
      throw new ConfigError('NODE_ENV=production needs CORPHUB_INTERNAL_SECRET (32+ characters, not the development default)');
    }
    if (config.internalSecret === config.jwtSecret) {
      throw new ConfigError('CORPHUB_INTERNAL_SECRET must differ from CORPHUB_JWT_SECRET');
    }
  }
  return config;
}

/** Where the embedded SQLite files live: one file per subgraph. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.CORPHUB_DATA_DIR || 'data');
}
