import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { errors, paginate, PEOPLE_ADMINS, Role, type AuthContext, type Page } from '@corphub/module-kit';
import { Department } from './department.entity';
import { CreateDepartmentInput, MAX_MEMBER_RECORDS_PAGE, MemberRecordsArgs, MembersArgs, UpdateDepartmentInput } from './department.inputs';
import { createDepartment, deleteDepartment, findDepartment, inTreeOrder, moveDepartment, newDepartmentId, subtreeKeys } from './department.tree';
import { Employee, EmployeeStatus, Membership } from '../employees/employee.entity';
import { EmployeeConnection, EMPLOYEE_ORDER } from '../employees/employee.connection';
import { MemberRecordConnection, memberRecords, type MemberRecord } from '../employees/member-record';
import { recordDepartmentEvent } from '../events/event.record';
import { administeredKeys, assertAdministers } from './department.scope';
import type { DirectoryContext } from '../context';

/** Who `members` and `memberRecords` list: the department's (or its subtree's) active members, and with `leftSince` recent leavers. */
async function membersWhere(em: EntityManager, auth: AuthContext, department: Department, args: MembersArgs): Promise<FilterQuery<Employee>> {
  if (args.leftSince && auth.role === Role.EMPLOYEE) throw errors.FORBIDDEN('Employees may not list former employees');
  const keys = args.includeSubdepartments ? await subtreeKeys(em, department.key) : [department.key];
  // memberships outlive offboarding, so a past month's leavers are still found in their department
  const status: FilterQuery<Employee> = args.leftSince
    ? { $or: [{ status: EmployeeStatus.ACTIVE }, { status: EmployeeStatus.LEFT, leftAt: { $gte: args.leftSince } }] }
    : { status: EmployeeStatus.ACTIVE };
  // `key in (the memberships' employee keys)`: `$some` would join employee again inside the subquery
  const memberKeys = (em as SqlEntityManager).createQueryBuilder(Membership, 'mk').select('mk.employee').where({ department: { $in: keys } });
  return { $and: [status, { key: { $in: memberKeys.getKnexQuery() as never } }] };
}

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => Department, { description: "A department of the caller's corp." })
  async department(@Arg('id', () => ID) id: string, @Ctx() { em, auth, loaders }: DirectoryContext): Promise<Department> {
    const department = await loaders.departmentById.load(id);
    const administered = department && (await administeredKeys(em, auth));
    // a department admin sees only the departments they administer
    if (!department || (administered && !administered.keys.has(department.key))) throw errors.NOT_FOUND(`Department "${id}" not found`);
    return department;
  }

  @Query(() => [Department], {
    description: 'The department tree in reading order (each parent before its children, siblings by `order` then name): the whole tree, or the subtree under `rootId` (itself first).',
  })
  async departments(@Arg('rootId', () => ID, { nullable: true }) rootId: string | undefined, @Ctx() { em, auth }: DirectoryContext): Promise<Department[]> {
    const administered = await administeredKeys(em, auth);
    // a department admin's tree is their subtree
    if (!rootId && administered) return administered.root ? inTreeOrder(await em.find(Department, { key: { $in: [...administered.keys] } }), administered.root) : [];
    if (!rootId) return inTreeOrder(await em.find(Department, {}));
    const root = await findDepartment(em, rootId);
    if (administered && !administered.keys.has(root.key)) throw errors.NOT_FOUND(`Department "${rootId}" not found`);
    return inTreeOrder(await em.find(Department, { key: { $in: await subtreeKeys(em, root.key) } }), root.key);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department above; null at the top.' })
  async parent(@Root() department: Department, @Ctx() { loaders }: DirectoryContext): Promise<Department | null> {
    return department.parent ? loaders.departmentByKey.load(department.parent.key) : null;
  }

  @FieldResolver(() => [Department], { description: 'The departments directly below, in order.' })
  async children(@Root() department: Department, @Ctx() { loaders }: DirectoryContext): Promise<Department[]> {
    return loaders.childrenByParentKey.load(department.key);
  }

  @FieldResolver(() => [Department], { description: 'The departments above, nearest first, up to the top.' })
  async ancestors(@Root() department: Department, @Ctx() { loaders }: DirectoryContext): Promise<Department[]> {
    return loaders.ancestorsByDepartmentKey.load(department.key);
  }

  @FieldResolver(() => EmployeeConnection, { description: 'Active members by name; with `includeSubdepartments`, the whole subtree’s; with `leftSince`, also who left on or after that day.' })
  async members(@Root() department: Department, @Args(() => MembersArgs) args: MembersArgs, @Ctx() { auth, em }: DirectoryContext): Promise<Page<Employee>> {
    // read-only rows: the page is only answered, and an employee's fields load through loaders by key
    return paginate(em, Employee, await membersWhere(em, auth, department, args), args, EMPLOYEE_ORDER, { readOnly: true });
  }

  @FieldResolver(() => MemberRecordConnection, {
    description: `The members of \`members\` (same arguments, order and access) as flat records, up to ${MAX_MEMBER_RECORDS_PAGE} a page: how modules read a whole department (attendance's month, expenses' and logs' reports). Statements per page do not grow with its size.`,
  })
  async memberRecords(@Root() department: Department, @Args(() => MemberRecordsArgs) args: MemberRecordsArgs, @Ctx() { auth, em }: DirectoryContext): Promise<Page<MemberRecord>> {
    return memberRecords(em, await membersWhere(em, auth, department, args), args);
  }

  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => Department, { description: 'Creates a department, at the top or under `parentId`.' })
  async createDepartment(@Arg('input', () => CreateDepartmentInput) input: CreateDepartmentInput, @Ctx() { em, auth }: DirectoryContext): Promise<Department> {
    return em.transactional(async (tx) => {
      const parent = input.parentId ? await findDepartment(tx, input.parentId) : null;
      await assertAdministers(tx, auth, [parent]);
      const department = await createDepartment(tx, input.id ?? newDepartmentId(), input.name, parent, input.order ?? 0);
      recordDepartmentEvent(tx, 'department.created', department.id);
      return department;
    });
  }

  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => Department, { description: "Renames or reorders a department (`moveDepartment` changes its parent)." })
  async updateDepartment(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDepartmentInput) input: UpdateDepartmentInput,
    @Ctx() { em, auth }: DirectoryContext,
  ): Promise<Department> {
    return em.transactional(async (tx) => {
      const department = await findDepartment(tx, id);
      await assertAdministers(tx, auth, [department]);
      if (input.name != null) department.name = input.name;
      if (input.order != null) department.order = input.order;
      recordDepartmentEvent(tx, 'department.changed', department.id);
      return department;
    });
  }

  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => Department, { description: 'Moves a department and everything below it under `parentId` (to the top when null). Moving it below itself is BAD_USER_INPUT.' })
  async moveDepartment(
    @Arg('id', () => ID) id: string,
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | undefined,
    @Arg('order', () => Int, { nullable: true }) order: number | undefined,
    @Ctx() { em, auth }: DirectoryContext,
  ): Promise<Department> {
    return em.transactional(async (tx) => {
      const department = await findDepartment(tx, id);
      const parent = parentId ? await findDepartment(tx, parentId) : null;
      await assertAdministers(tx, auth, [department], true);
      await assertAdministers(tx, auth, [parent]);
      await moveDepartment(tx, department, parent);
      if (order != null) department.order = order;
      recordDepartmentEvent(tx, 'department.changed', department.id);
      return department;
    });
  }

  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => ID, { description: 'Deletes a department that has no sub-departments and no active members (else CONFLICT); returns its id.' })
  async deleteDepartment(@Arg('id', () => ID) id: string, @Ctx() { em, auth }: DirectoryContext): Promise<string> {
    return em.transactional(async (tx) => {
      const department = await findDepartment(tx, id);
      await assertAdministers(tx, auth, [department], true);
      await deleteDepartment(tx, department);
      recordDepartmentEvent(tx, 'department.deleted', id);
      return id;
    });
  }
}
