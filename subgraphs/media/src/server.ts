import { dataDir as defaultDataDir, hubSecret, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import type { EntityManager } from '@mikro-orm/core';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { MediaLinks } from './media/media.links';
import { mediaRoutes } from './media/media.routes';
import { DEFAULT_LIMITS, DEFAULT_URL_TTL_SECONDS, deriveUrlKey, localStore, type MediaSettings } from './media/media.settings';

export interface MediaServerOptions extends CreateServerOptions {
  /** Defaults: the local store in `<dataDir>/media`, DEFAULT_LIMITS, 15-minute links signed with a key derived from the internal secret. */
  media?: Partial<MediaSettings>;
}

export async function createServer(options: MediaServerOptions): Promise<RunningServer> {
  const { media, ...serverOptions } = options;
  const internalSecret = hubSecret(options.security ?? readSecurityConfig(process.env, 'subgraph'));
  const settings: MediaSettings = {
    store: media?.store ?? localStore(options.dataDir ?? defaultDataDir()),
    limits: media?.limits ?? DEFAULT_LIMITS,
    publicUrl: media?.publicUrl ?? options.publicUrl ?? (() => 'http://localhost:4000'),
    urlTtlSeconds: media?.urlTtlSeconds ?? DEFAULT_URL_TTL_SECONDS,
    urlKey: media?.urlKey ?? deriveUrlKey(internalSecret),
  };
  // staging files of uploads that a crash interrupted
  await settings.store.sweepStaging();
  const links = new MediaLinks(settings);
  return startSubgraphServer({ services: {},
    name: 'media',
    schema: await buildSchema(),
    createLoaders: (em: EntityManager) => createLoaders(em, links),
    routes: mediaRoutes(settings, links),
    ...serverOptions,
  });
}
