import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import { corpLoaders } from './corps/corp.loaders';
import { personLoaders } from './people/person.loaders';
import { appLoaders } from './apps/app.loaders';
import { openIdLoaders } from './open-ids/open-id.loaders';
import { registryLoaders } from './registry/registry.loaders';
import { adminRoleLoaders } from './admin-roles/admin-role.loaders';
import type { IdentityServices } from './services';

/** One set per request: every entity and field fetch of identity is batched through these. */
export function createLoaders(em: EntityManager, auth: AuthContext, services: IdentityServices) {
  return {
    ...corpLoaders(em, auth, services),
    ...personLoaders(em, auth, services),
    ...appLoaders(em, auth, services),
    ...openIdLoaders(em, auth, services),
    ...registryLoaders(em, auth, services),
    ...adminRoleLoaders(em, auth, services),
  };
}

export type IdentityLoaders = ReturnType<typeof createLoaders>;
