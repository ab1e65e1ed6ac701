import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AdminRoleKind, Connection, PageArgs, paginate, Role, transactionalIdempotent, type Page } from '@corphub/module-kit';
import { Person } from '../people/person.entity';
import { AdminRoleAssignment } from './admin-role.entity';
import { GrantAdminRoleInput } from './admin-role.inputs';
import { ADMIN_ROLE_READERS, assertNotLastCorpAdmin, checkGrant, readsAdminRoles } from './admin-role.service';
import { recordAudit } from '../audit/audit.record';
import type { IdentityContext } from '../context';

@ObjectType()
export class AdminRoleAssignmentConnection extends Connection(AdminRoleAssignment) {}

/** Granting and revoking: corp admins, and the platform (which sets up a new corp's first admin). */
const GRANTERS = [Role.ADMIN, Role.PLATFORM];

@Resolver(() => AdminRoleAssignment)
export class AdminRoleResolver {
  @Authorized(...ADMIN_ROLE_READERS)
  @Query(() => AdminRoleAssignmentConnection, { description: "Who administers the caller's corp, oldest grant first (a department admin sees their subtree's people only)." })
  async adminRoles(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('role', () => AdminRoleKind, { nullable: true }) role: AdminRoleKind | undefined,
    @Ctx() { em }: IdentityContext,
  ): Promise<Page<AdminRoleAssignment>> {
    return paginate(em, AdminRoleAssignment, role ? { role } : {}, page, [['grantedAt', 'asc'], ['id', 'asc']], { readOnly: true });
  }

  @FieldResolver(() => Person, { nullable: true })
  async person(@Root() assignment: AdminRoleAssignment, @Ctx() { loaders }: IdentityContext): Promise<Person | null> {
    return loaders.personByUnionId.load(assignment.unionId);
  }

  @Authorized(...GRANTERS)
  @Mutation(() => AdminRoleAssignment, {
    description:
      "Gives a person of the corp an admin role (one per person: it replaces the one they have). Granting the role they already have changes nothing (safe to retry). Their next token carries it.",
  })
  async grantAdminRole(@Arg('input', () => GrantAdminRoleInput) input: GrantAdminRoleInput, @Ctx() { em, auth, services, requestId }: IdentityContext): Promise<AdminRoleAssignment> {
    const departmentId = await checkGrant(em, input, auth, services.graph, requestId);
    return transactionalIdempotent(em, async (tx) => {
      const current = await tx.findOne(AdminRoleAssignment, { unionId: input.unionId });
      if (current && current.role === input.role && current.departmentId === departmentId) return current;
      recordAudit(tx, auth, 'admin_role.granted', { subjectUnionId: input.unionId, target: departmentId, details: { role: input.role, ...(current ? { replaced: current.role } : {}) } });
      if (current) {
        if (input.role !== AdminRoleKind.CORP_ADMIN) await assertNotLastCorpAdmin(tx, current);
        Object.assign(current, { role: input.role, departmentId, grantedBy: auth.subject, grantedAt: new Date() });
        return current;
      }
      const assignment = new AdminRoleAssignment(input.unionId, input.role, departmentId, auth.subject);
      tx.persist(assignment);
      return assignment;
    });
  }

  @Authorized(...GRANTERS)
  @Mutation(() => Boolean, { description: 'Takes a person’s admin role away: true when they had one, false when not (safe to retry). Their next token is an employee’s.' })
  async revokeAdminRole(@Arg('unionId', () => ID) unionId: string, @Ctx() { em, auth }: IdentityContext): Promise<boolean> {
    return em.transactional(async (tx) => {
      const current = await tx.findOne(AdminRoleAssignment, { unionId });
      if (!current) return false;
      await assertNotLastCorpAdmin(tx, current);
      tx.remove(current);
      recordAudit(tx, auth, 'admin_role.revoked', { subjectUnionId: unionId, target: current.departmentId, details: { role: current.role } });
      return true;
    });
  }
}

@Resolver(() => Person)
export class PersonAdminRoleResolver {
  @FieldResolver(() => AdminRoleAssignment, { nullable: true, description: "This person's admin role; null for none (visible to admins and the person themself)." })
  async adminRole(@Root() person: Person, @Ctx() { auth, loaders }: IdentityContext): Promise<AdminRoleAssignment | null> {
    return readsAdminRoles(auth, person.unionId) ? loaders.adminRoleByUnionId.load(person.unionId) : null;
  }
}
