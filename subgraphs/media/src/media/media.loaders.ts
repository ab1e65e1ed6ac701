import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, type AuthContext } from '@corphub/module-kit';
import { Media } from './media.entity';
import type { MediaServices } from '../services';

export function mediaLoaders(em: EntityManager, _auth: AuthContext, _services: MediaServices) {
  return {
    mediaById: entityLoader(em, Media, 'id'),
  };
}
