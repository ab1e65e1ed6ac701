import type { EntityManager } from '@mikro-orm/core';
import { entityLoader } from '@corphub/module-kit';
import { Media } from './media/media.entity';
import type { MediaLinks } from './media/media.links';

/** One set per request: every `Media` fetch (root fields, references, downloads) goes through `mediaById`. */
export function createLoaders(em: EntityManager, links: MediaLinks) {
  return {
    mediaById: entityLoader(em, Media, 'id'),
    /** Not a loader: the server's link signer, handed to resolvers with the loaders. */
    links,
  };
}

export type MediaLoaders = ReturnType<typeof createLoaders>;
