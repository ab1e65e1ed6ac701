import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, type AuthContext } from '@corphub/module-kit';
import { Corp } from './corp.entity';
import type { IdentityServices } from '../services';

export function corpLoaders(em: EntityManager, _auth: AuthContext, _services: IdentityServices) {
  return {
    corpById: entityLoader(em, Corp, 'id'),
  };
}
