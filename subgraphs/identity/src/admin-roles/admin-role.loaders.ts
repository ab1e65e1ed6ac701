import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, type AuthContext } from '@corphub/module-kit';
import { AdminRoleAssignment } from './admin-role.entity';
import type { IdentityServices } from '../services';

export function adminRoleLoaders(em: EntityManager, _auth: AuthContext, _services: IdentityServices) {
  return {
    adminRoleByUnionId: entityLoader(em, AdminRoleAssignment, 'unionId'),
  };
}
