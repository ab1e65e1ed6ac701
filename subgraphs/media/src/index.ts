import { defineSubgraph, readSecurityConfig, type SubgraphDefinition } from '@corphub/shared';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer, type MediaServerOptions } from './server';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';
import { deriveUrlKey, mediaEnv, type MediaSettings } from './media/media.settings';

/**
 * The media subgraph. `overrides` replace what the environment says (tests: small limits, short links).
 */
export function mediaSubgraph(overrides: Partial<MediaSettings> = {}): SubgraphDefinition {
  return defineSubgraph({
    name: 'media',
    defaultPort: 4006,
    dir: __dirname,
    entities,
    migrations: { sqlite, postgresql },
    buildSchema,
    createServer: (options: MediaServerOptions) => {
      const env = mediaEnv(process.env);
      const internalSecret = (options.security ?? readSecurityConfig(process.env, 'subgraph')).internalSecret;
      return createServer({
        ...options,
        media: { limits: env.limits, urlTtlSeconds: env.urlTtlSeconds, urlKey: deriveUrlKey(internalSecret, env.urlSecret), ...overrides },
      });
    },
  });
}

export const media: SubgraphDefinition = mediaSubgraph();

export { entities, buildSchema, createServer };
export * from './media/media.entity';
export { ALLOWED_TYPES } from './media/media.inspect';
export { DEFAULT_LIMITS, type MediaSettings, type KindLimits } from './media/media.settings';
