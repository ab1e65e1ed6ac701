import type { EntityManager } from '@mikro-orm/core';
import { errors, Role, type AuthContext } from '@corphub/module-kit';
import { Department } from './department.entity';
import { subtreeKeys } from './department.tree';

/**
 * What a department admin administers: their department and every department below it, by key (their people
 * come from the gateway as the people scope; departments are checked here). null: every department (corp admins).
 */
export async function administeredKeys(em: EntityManager, auth: AuthContext): Promise<{ root: string | null; keys: ReadonlySet<string> } | null> {
  if (auth.role !== Role.DEPARTMENT_ADMIN) return null;
  const root = auth.department ? await em.findOne(Department, { id: auth.department }, { fields: ['key'] }) : null;
  // a department that no longer exists administers nothing
  return { root: root?.key ?? null, keys: new Set(root ? await subtreeKeys(em, root.key) : []) };
}

/** Department admins: each department must be inside their subtree (FORBIDDEN otherwise); `below`: strictly below its top. */
export async function assertAdministers(em: EntityManager, auth: AuthContext, departments: readonly (Department | null)[], below = false): Promise<void> {
  const administered = await administeredKeys(em, auth);
  if (!administered) return;
  for (const department of departments) {
    if (!department) throw errors.FORBIDDEN(`A department admin works inside department "${auth.department}" only, not at the top of the tree`);
    if (!administered.keys.has(department.key)) throw errors.FORBIDDEN(`Department "${department.id}" is outside department "${auth.department}", which you administer`);
    if (below && department.key === administered.root) throw errors.FORBIDDEN(`Department "${department.id}" is the top of what you administer: a corp admin moves or deletes it`);
  }
}

/** Department admins: the departments named by id must be theirs, and there must be one (nobody is put outside every department). */
export async function assertAdministersIds(em: EntityManager, auth: AuthContext, ids: readonly string[]): Promise<void> {
  if (auth.role !== Role.DEPARTMENT_ADMIN) return;
  if (!ids.length) throw errors.FORBIDDEN(`A department admin puts people into departments inside "${auth.department}"`);
  const found = await em.find(Department, { id: { $in: [...ids] } });
  // unknown ids are setDepartments' NOT_FOUND
  await assertAdministers(em, auth, found);
}
