import { dataDir as defaultDataDir, hubSecret, readSecurityConfig, type CreateServerOptions } from '@corphub/module-kit';
import type { MediaKind } from './media/media.entity';
import { MediaLinks } from './media/media.links';
import { DEFAULT_LIMITS, DEFAULT_URL_TTL_SECONDS, deriveUrlKey, localStore, type KindLimits, type MediaSettings } from './media/media.settings';
import type { MediaStore } from './media/media.store';

export interface MediaServerOptions extends CreateServerOptions {
  /** Defaults: the local store in `<dataDir>/media`, DEFAULT_LIMITS, 15-minute links signed with a key derived from the internal secret. */
  media?: Partial<MediaSettings>;
}

/** Media's per-process services: built once at start, the same for every request. */
export interface MediaServices {
  /** The files, by content hash. */
  store: MediaStore;
  /** What an upload of each kind may be. */
  limits: Record<MediaKind, KindLimits>;
  /** Signs `Media.url` and verifies signed downloads. */
  links: MediaLinks;
}

export function createServices(options: MediaServerOptions): MediaServices {
  const { media } = options;
  const internalSecret = hubSecret(options.security ?? readSecurityConfig(undefined, 'subgraph'));
  const links = new MediaLinks({
    publicUrl: media?.publicUrl ?? options.publicUrl ?? (() => 'http://localhost:4000'),
    urlTtlSeconds: media?.urlTtlSeconds ?? DEFAULT_URL_TTL_SECONDS,
    urlKey: media?.urlKey ?? deriveUrlKey(internalSecret),
  });
  return {
    store: media?.store ?? localStore(options.dataDir ?? defaultDataDir()),
    limits: media?.limits ?? DEFAULT_LIMITS,
    links,
  };
}
