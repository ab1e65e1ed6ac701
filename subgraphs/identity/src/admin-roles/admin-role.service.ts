import type { EntityManager } from '@mikro-orm/core';
import { AdminRoleKind, errors, Role, type AuthContext, type GatewayClient } from '@corphub/module-kit';
import { Person } from '../people/person.entity';
import { AdminRoleAssignment } from './admin-role.entity';
import type { GrantAdminRoleInput } from './admin-role.inputs';

/** Who may read admin roles: corp admins, department admins (their subtree's people only), the platform and the gateway. */
export const ADMIN_ROLE_READERS = [Role.ADMIN, Role.DEPARTMENT_ADMIN, Role.PLATFORM, Role.SERVICE] as const;

export function readsAdminRoles(auth: AuthContext, unionId: string): boolean {
  return (ADMIN_ROLE_READERS as readonly Role[]).includes(auth.role) || auth.unionId === unionId;
}

/** The input checked against the corp: the person is one of its people; a department admin names an existing department. */
export async function checkGrant(em: EntityManager, input: GrantAdminRoleInput, auth: AuthContext, graph: GatewayClient, requestId?: string): Promise<string | null> {
  if (!(await em.findOne(Person, { unionId: input.unionId }, { fields: ['unionId'] }))) throw errors.NOT_FOUND(`Person "${input.unionId}" not found`);
  if (input.role !== AdminRoleKind.DEPARTMENT_ADMIN) {
    if (input.departmentId) throw errors.BAD_USER_INPUT('Only a DEPARTMENT_ADMIN role names a departmentId');
    return null;
  }
  if (!input.departmentId) throw errors.BAD_USER_INPUT('A DEPARTMENT_ADMIN role needs a departmentId');
  // departments are the directory's: asked through the gateway, as any module asks
  const { errors: failures } = await graph.requestAll<{ department: { id: string } | null }>(
    auth.corpId,
    /* GraphQL */ `query AdminRoleDepartment($id: ID!) { department(id: $id) { id } }`,
    { id: input.departmentId },
    requestId,
  );
  if (failures.some((failure) => failure.extensions?.code === 'NOT_FOUND')) throw errors.NOT_FOUND(`Department "${input.departmentId}" not found`);
  if (failures.length) throw errors.SUBGRAPH_UNAVAILABLE(`Could not check department "${input.departmentId}": ${failures[0].message}`);
  return input.departmentId;
}

/** A corp keeps at least one corp admin: revoking or replacing the last one is CONFLICT. */
export async function assertNotLastCorpAdmin(em: EntityManager, current: AdminRoleAssignment): Promise<void> {
  if (current.role !== AdminRoleKind.CORP_ADMIN) return;
  if ((await em.count(AdminRoleAssignment, { role: AdminRoleKind.CORP_ADMIN })) <= 1) {
    throw errors.CONFLICT(`"${current.unionId}" is the corp's last corp admin: grant another one first`);
  }
}
