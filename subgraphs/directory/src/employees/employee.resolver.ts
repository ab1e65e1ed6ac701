import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery, Ref } from '@mikro-orm/core';
import { errors, PageArgs, paginate, PEOPLE_ADMINS, Role, type Page } from '@corphub/module-kit';
import { Department, DepartmentLink } from '../departments/department.entity';
import { findDepartment, subtreeKeys } from '../departments/department.tree';
import { assertAdministersIds } from '../departments/department.scope';
import { Tag } from '../tags/tag.entity';
import { Person } from './person.stub';
import { Employee, EmployeeStatus } from './employee.entity';
import { EmployeeConnection, EMPLOYEE_ORDER } from './employee.connection';
import { EmployeeFilter, HireEmployeeInput, OffboardArgs, RehireArgs, TransferEmployeeInput, UpdateEmployeeInput, UNION_ID } from './employee.inputs';
import {
  assertDates,
  assertUnique,
  assignTag,
  canSee,
  findEmployee,
  findTag,
  maskPhone,
  seesPrivateFields,
  setDepartments,
  setManager,
  todayUtc,
} from './employee.service';
import { recordEmployeeEvent } from '../events/event.record';
import type { DirectoryContext } from '../context';

/** How many people `employeesByUnionIds` looks up in one request. */
const MAX_LOOKUP = 1000;

/** An employee's manager's key: a reference on a managed row, the column's value on a read-only one (a page of `members`). */
function managerKeyOf(employee: Employee): string | null {
  const manager = employee.manager as Ref<Employee> | string | null | undefined;
  return typeof manager === 'string' ? manager : (manager?.key ?? null);
}

@Resolver(() => Employee)
export class EmployeeResolver {
  @Authorized(Role.SERVICE)
  @Query(() => [ID], {
    description:
      "For the gateway (service tokens): the UnionIDs inside an app's visibility scope — employees in the departments (with every department below them) or carrying the tags, and the named people.",
  })
  async peopleInScope(
    @Arg('departmentIds', () => [ID]) departmentIds: string[],
    @Arg('tags', () => [String]) tags: string[],
    @Arg('unionIds', () => [ID]) unionIds: string[],
    @Ctx() { em }: DirectoryContext,
  ): Promise<string[]> {
    const departments = departmentIds.length ? await em.find(Department, { id: { $in: departmentIds } }, { fields: ['key'] }) : [];
    const links = departments.length ? await em.find(DepartmentLink, { ancestor: { $in: departments.map((department) => department.key) } }, { fields: ['descendant'] }) : [];
    const keys = [...new Set(links.map((link) => link.descendant.key))];
    const conditions: FilterQuery<Employee>[] = [];
    if (keys.length) conditions.push({ memberships: { $some: { department: { $in: keys } } } });
    if (tags.length) conditions.push({ tagLinks: { $some: { tag: { name: { $in: tags } } } } });
    const members = conditions.length ? await em.find(Employee, { $or: conditions }, { fields: ['unionId'] }) : [];
    return [...new Set([...members.map((employee) => employee.unionId), ...unionIds])].sort();
  }

  @Query(() => Employee, { description: "An employee of the caller's corp, by UnionID." })
  async employee(@Arg('unionId', () => ID) unionId: string, @Ctx() { auth, loaders }: DirectoryContext): Promise<Employee> {
    const employee = UNION_ID.test(unionId) ? await loaders.employeeByUnionId.load(unionId) : null;
    if (!employee || !canSee(auth, employee)) throw errors.NOT_FOUND(`Employee "${unionId}" not found`);
    return employee;
  }

  @Query(() => [Employee], {
    nullable: 'items',
    description: `Employees of the caller's corp by UnionID, in the order asked; null for who is not one. At most ${MAX_LOOKUP} a request. How modules read the people of a page in one call.`,
  })
  async employeesByUnionIds(@Arg('unionIds', () => [ID]) unionIds: string[], @Ctx() { auth, loaders }: DirectoryContext): Promise<(Employee | null)[]> {
    if (unionIds.length > MAX_LOOKUP) throw errors.BAD_USER_INPUT(`At most ${MAX_LOOKUP} UnionIDs a request, got ${unionIds.length}`);
    const found = await loaders.employeeByUnionId.loadMany(unionIds.map((unionId) => (UNION_ID.test(unionId) ? unionId : '')));
    return found.map((employee) => (employee && !(employee instanceof Error) && canSee(auth, employee) ? employee : null));
  }

  @Query(() => EmployeeConnection, { description: 'Searches the employees by name; every condition of the filter must hold.' })
  async employees(
    @Arg('filter', () => EmployeeFilter, { nullable: true }) filter: EmployeeFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { auth, em }: DirectoryContext,
  ): Promise<Page<Employee>> {
    const status = filter?.status ?? EmployeeStatus.ACTIVE;
    if (status === EmployeeStatus.LEFT && auth.role === Role.EMPLOYEE) throw errors.FORBIDDEN('Employees may not list former employees');
    const conditions: FilterQuery<Employee>[] = [{ status }];
    if (filter?.query) conditions.push({ searchText: { $like: `%${filter.query.toLowerCase()}%` } });
    if (filter?.email) conditions.push({ email: filter.email.toLowerCase() });
    if (filter?.title) conditions.push({ title: filter.title });
    if (filter?.tag) conditions.push({ tagLinks: { $some: { tag: { name: filter.tag } } } });
    if (filter?.departmentId) {
      const department = await findDepartment(em, filter.departmentId);
      const keys = filter.includeSubdepartments ? await subtreeKeys(em, department.key) : [department.key];
      conditions.push({ memberships: { $some: { department: { $in: keys } } } });
    }
    return paginate(em, Employee, { $and: conditions }, page, EMPLOYEE_ORDER);
  }

  @FieldResolver(() => String, { nullable: true, description: 'In full for admins and the person; others see only the last two digits.' })
  phone(@Root() employee: Employee, @Ctx() { auth }: DirectoryContext): string | null {
    if (!employee.phone) return null;
    return seesPrivateFields(auth, employee) ? employee.phone : maskPhone(employee.phone);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The primary department.' })
  async department(@Root() employee: Employee, @Ctx() { loaders }: DirectoryContext): Promise<Department | null> {
    const memberships = await loaders.membershipsByEmployeeKey.load(employee.key);
    return memberships.find((membership) => membership.primary)?.department ?? null;
  }

  @FieldResolver(() => [Department], { description: 'Every department the employee belongs to, the primary one first.' })
  async departments(@Root() employee: Employee, @Ctx() { loaders }: DirectoryContext): Promise<Department[]> {
    const memberships = await loaders.membershipsByEmployeeKey.load(employee.key);
    return memberships.map((membership) => membership.department);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The direct manager.' })
  async manager(@Root() employee: Employee, @Ctx() { loaders }: DirectoryContext): Promise<Employee | null> {
    const managerKey = managerKeyOf(employee);
    return managerKey ? loaders.employeeByKey.load(managerKey) : null;
  }

  @FieldResolver(() => [Employee], { description: 'The management chain up to the top, nearest first.' })
  async managers(@Root() employee: Employee, @Ctx() { loaders }: DirectoryContext): Promise<Employee[]> {
    const chain: Employee[] = [];
    const seen = new Set([employee.key]);
    // one batched statement per level, shared by every employee of the response
    for (let current = employee, key = managerKeyOf(current); key && !seen.has(key); key = managerKeyOf(current)) {
      const manager = await loaders.employeeByKey.load(key);
      if (!manager) break;
      chain.push(manager);
      seen.add(manager.key);
      current = manager;
    }
    return chain;
  }

  @FieldResolver(() => [Employee], { description: 'Active employees whose manager this is, by name.' })
  async directReports(@Root() employee: Employee, @Ctx() { loaders }: DirectoryContext): Promise<Employee[]> {
    return loaders.directReportsByManagerKey.load(employee.key);
  }

  @FieldResolver(() => [Tag], { description: 'Tags by name.' })
  async tags(@Root() employee: Employee, @Ctx() { loaders }: DirectoryContext): Promise<Tag[]> {
    return loaders.tagsByEmployeeKey.load(employee.key);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person in identity (name, email, openIds live there).' })
  person(@Root() employee: Employee): Person {
    return { unionId: employee.unionId };
  }

  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => Employee, { description: 'Hires a person who exists in identity (addPerson gives the unionId) into departments, under a manager.' })
  async hireEmployee(@Arg('input', () => HireEmployeeInput) input: HireEmployeeInput, @Ctx() { em, auth }: DirectoryContext): Promise<Employee> {
    return em.transactional(async (tx) => {
      await assertAdministersIds(tx, auth, input.departmentIds ?? []);
      const existing = await tx.findOne(Employee, { unionId: input.unionId });
      if (existing) {
        throw errors.CONFLICT(
          !existing.isActive ? `"${input.unionId}" left the corp: rehireEmployee brings them back` : `"${input.unionId}" is already an employee`,
          { status: existing.status },
        );
      }
      const employee = new Employee(input.unionId, input.displayName, input.joinedAt ?? todayUtc());
      Object.assign(employee, {
        employeeNumber: input.employeeNumber,
        title: input.title,
        email: input.email?.toLowerCase(),
        phone: input.phone,
        externalId: input.externalId,
      });
      employee.refreshSearchText();
      await assertUnique(tx, employee.key, employee);
      tx.persist(employee);
      if (input.managerUnionId) await setManager(tx, employee, input.managerUnionId);
      await setDepartments(tx, employee, input.departmentIds ?? [], input.primaryDepartmentId);
      for (const name of new Set(input.tags ?? [])) await assignTag(tx, employee, await findTag(tx, name));
      recordEmployeeEvent(tx, 'employee.hired', employee, auth);
      await tx.flush();
      return employee;
    });
  }

  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => Employee, { description: "Changes an employee's record." })
  async updateEmployee(
    @Arg('unionId', () => ID) unionId: string,
    @Arg('input', () => UpdateEmployeeInput) input: UpdateEmployeeInput,
    @Ctx() { em }: DirectoryContext,
  ): Promise<Employee> {
    return em.transactional(async (tx) => {
      const employee = await findEmployee(tx, unionId);
      if (input.displayName === null) throw errors.BAD_USER_INPUT('displayName cannot be cleared');
      await assertUnique(tx, employee.key, { employeeNumber: input.employeeNumber, email: input.email?.toLowerCase() });
      if (input.displayName !== undefined) employee.displayName = input.displayName;
      for (const field of ['employeeNumber', 'title', 'phone', 'externalId'] as const) {
        if (input[field] !== undefined) employee[field] = input[field];
      }
      if (input.email !== undefined) employee.email = input.email?.toLowerCase() ?? null;
      if (input.managerUnionId !== undefined) await setManager(tx, employee, input.managerUnionId);
      employee.refreshSearchText();
      recordEmployeeEvent(tx, 'employee.changed', employee);
      await tx.flush();
      return employee;
    });
  }

  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => Employee, { description: "Moves an employee to other departments (replacing the old ones) and, optionally, under another manager." })
  async transferEmployee(
    @Arg('unionId', () => ID) unionId: string,
    @Arg('input', () => TransferEmployeeInput) input: TransferEmployeeInput,
    @Ctx() { em, auth, loaders }: DirectoryContext,
  ): Promise<Employee> {
    const employee = await em.transactional(async (tx) => {
      const found = await findEmployee(tx, unionId);
      await assertAdministersIds(tx, auth, input.departmentIds);
      if (!found.isActive) throw errors.BAD_USER_INPUT(`"${unionId}" has left: rehire them first`);
      await setDepartments(tx, found, input.departmentIds, input.primaryDepartmentId);
      if (input.managerUnionId !== undefined) await setManager(tx, found, input.managerUnionId);
      recordEmployeeEvent(tx, 'employee.changed', found);
      await tx.flush();
      return found;
    });
    loaders.membershipsByEmployeeKey.clear(employee.key);
    return employee;
  }

  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => Employee, {
    description:
      'Offboards an employee: status LEFT from `leftAt`. Their record, departments and tags are kept (admins still read them, and modules keep their data); their direct reports move up to their manager.',
  })
  async offboardEmployee(@Args(() => OffboardArgs) { unionId, leftAt }: OffboardArgs, @Ctx() { em, auth }: DirectoryContext): Promise<Employee> {
    return em.transactional(async (tx) => {
      const employee = await findEmployee(tx, unionId);
      if (!employee.isActive) throw errors.CONFLICT(`"${unionId}" has already left`, { leftAt: employee.leftAt });
      const lastDay = leftAt ?? todayUtc();
      assertDates(employee.joinedAt, lastDay);
      employee.status = EmployeeStatus.LEFT;
      employee.leftAt = lastDay;
      await tx.nativeUpdate(Employee, { manager: employee.key }, { manager: employee.manager?.key ?? null });
      recordEmployeeEvent(tx, 'employee.offboarded', employee, auth);
      return employee;
    });
  }

  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => Employee, { description: 'Brings a former employee back: ACTIVE again from `joinedAt`, with their kept departments and tags.' })
  async rehireEmployee(@Args(() => RehireArgs) { unionId, joinedAt }: RehireArgs, @Ctx() { em, auth }: DirectoryContext): Promise<Employee> {
    return em.transactional(async (tx) => {
      const employee = await findEmployee(tx, unionId);
      if (employee.isActive) throw errors.CONFLICT(`"${unionId}" is already active`);
      const firstDay = joinedAt ?? todayUtc();
      if (employee.leftAt && firstDay < employee.leftAt) throw errors.BAD_USER_INPUT(`joinedAt ${firstDay} is before their last day ${employee.leftAt}`);
      employee.status = EmployeeStatus.ACTIVE;
      employee.joinedAt = firstDay;
      employee.leftAt = null;
      recordEmployeeEvent(tx, 'employee.hired', employee, auth);
      return employee;
    });
  }
}

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => Employee, { nullable: true, description: "This person's employee record in the directory, if they are one." })
  async employee(@Root() person: Person, @Ctx() { auth, loaders }: DirectoryContext): Promise<Employee | null> {
    const employee = await loaders.employeeByUnionId.load(person.unionId);
    return employee && canSee(auth, employee) ? employee : null;
  }
}
