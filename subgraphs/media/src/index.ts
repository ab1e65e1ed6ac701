import { dataDir, defineSubgraph, hubSecret, readSecurityConfig, type SubgraphDefinition } from '@corphub/module-kit';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import type { MediaServerOptions } from './services';
import { seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';
import { deriveUrlKey, mediaEnv, storeFromEnv, type MediaSettings } from './media/media.settings';

/**
 * The media subgraph. `overrides` replace what the environment says (tests: small limits, short links).
 */
export function mediaSubgraph(overrides: Partial<MediaSettings> = {}): SubgraphDefinition {
  return defineSubgraph({
    name: 'media',
    core: true,
    routes: ['/media'],
    defaultPort: 4006,
    dir: __dirname,
    entities,
    migrations: { sqlite, postgresql },
    buildSchema,
    seedDemo: (orm, context) => seedDemo(orm, overrides.store ?? storeFromEnv(undefined, context?.dataDir ?? dataDir())),
    createServer: (options: MediaServerOptions) => {
      const env = mediaEnv();
      const internalSecret = hubSecret(options.security ?? readSecurityConfig(undefined, 'subgraph'));
      return createServer({
        ...options,
        media: {
          store: overrides.store ?? storeFromEnv(undefined, options.dataDir ?? dataDir()),
          limits: env.limits,
          urlTtlSeconds: env.urlTtlSeconds,
          urlKey: deriveUrlKey(internalSecret, env.urlSecret),
          ...overrides,
        },
      });
    },
  });
}

export const media: SubgraphDefinition = mediaSubgraph();

export { entities, buildSchema, createServer };
export * from './media/media.entity';
export { demoVoiceWav } from './seed';
export { ALLOWED_TYPES } from './media/media.inspect';
export { DEFAULT_LIMITS, storeFromEnv, type MediaSettings, type KindLimits } from './media/media.settings';
export { S3MediaStore, type S3StoreOptions } from './media/media.s3-store';
export { LocalMediaStore, type MediaStore } from './media/media.store';
