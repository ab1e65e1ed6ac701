import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import { mediaLoaders } from './media/media.loaders';
import type { MediaServices } from './services';

/** One set per request: every `Media` fetch (root fields, references, downloads) goes through `mediaById`. */
export function createLoaders(em: EntityManager, auth: AuthContext, services: MediaServices) {
  return {
    ...mediaLoaders(em, auth, services),
  };
}

export type MediaLoaders = ReturnType<typeof createLoaders>;
