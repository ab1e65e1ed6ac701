import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, type AuthContext } from '@corphub/module-kit';
import { Person } from './person.entity';
import type { IdentityServices } from '../services';

export function personLoaders(em: EntityManager, _auth: AuthContext, _services: IdentityServices) {
  return {
    personByUnionId: entityLoader(em, Person, 'unionId'),
  };
}
