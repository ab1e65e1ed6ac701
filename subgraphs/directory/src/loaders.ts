import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import { departmentLoaders } from './departments/department.loaders';
import { employeeLoaders } from './employees/employee.loaders';
import { tagLoaders } from './tags/tag.loaders';
import type { DirectoryServices } from './services';

/** One set per request: every entity and field fetch of the directory is batched through these. */
export function createLoaders(em: EntityManager, auth: AuthContext, services: DirectoryServices) {
  return { ...departmentLoaders(em, auth, services), ...employeeLoaders(em, auth, services), ...tagLoaders(em, auth, services) };
}

export type DirectoryLoaders = ReturnType<typeof createLoaders>;
