import type { EntityManager } from '@mikro-orm/core';
import { errors, Role, type AuthContext } from '@corphub/module-kit';
import { Department } from '../departments/department.entity';
import { Tag } from '../tags/tag.entity';
import { Employee, EmployeeTag, Membership } from './employee.entity';

export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Full record (phone unmasked): admins, and the person themself. */
export function seesPrivateFields(auth: AuthContext, employee: Employee): boolean {
  // a department admin reads only their subtree's people (the people scope), so the full record of each
  return auth.role === Role.ADMIN || auth.role === Role.DEPARTMENT_ADMIN || auth.unionId === employee.unionId;
}

/** Former employees stay readable to every role but plain employees (who still see themself). */
export function canSee(auth: AuthContext, employee: Employee): boolean {
  return employee.isActive || auth.role !== Role.EMPLOYEE || auth.unionId === employee.unionId;
}

export function maskPhone(phone: string): string {
  return phone.replace(/\d(?=(?:\D*\d){2})/g, '•');
}

export async function findEmployee(em: EntityManager, unionId: string): Promise<Employee> {
  const employee = await em.findOne(Employee, { unionId });
  if (!employee) throw errors.NOT_FOUND(`Employee "${unionId}" not found`);
  return employee;
}

/** Checks the corp-unique fields an employee is about to get (before they are set: a query flushes pending changes). */
export async function assertUnique(em: EntityManager, key: string, values: { employeeNumber?: string | null; email?: string | null }): Promise<void> {
  for (const field of ['employeeNumber', 'email'] as const) {
    const value = values[field];
    if (value && (await em.count(Employee, { [field]: value, key: { $ne: key } }))) {
      throw errors.CONFLICT(`Another employee already has ${field} "${value}"`, { field });
    }
  }
}

/** Replaces an employee's departments; the primary one must be among them. */
export async function setDepartments(em: EntityManager, employee: Employee, departmentIds: string[], primaryId?: string): Promise<void> {
  const ids = [...new Set(departmentIds)];
  const primary = primaryId ?? ids[0];
  if (primary !== undefined && !ids.includes(primary)) throw errors.BAD_USER_INPUT(`primaryDepartmentId "${primary}" must be one of departmentIds`);
  const departments = ids.length ? await em.find(Department, { id: { $in: ids } }) : [];
  const missing = ids.filter((id) => !departments.some((department) => department.id === id));
  if (missing.length) throw errors.NOT_FOUND(`Department(s) not found: ${missing.join(', ')}`, { departmentIds: missing });
  await em.nativeDelete(Membership, { employee: employee.key });
  const self = em.getReference(Employee, employee.key, { wrapped: true });
  for (const department of departments) {
    em.persist(new Membership(self, em.getReference(Department, department.key, { wrapped: true }), department.id === primary));
  }
}

/** Sets (or clears) the manager; refuses a manager who left, the employee themself, or a cycle. */
export async function setManager(em: EntityManager, employee: Employee, managerUnionId: string | null): Promise<void> {
  if (managerUnionId === null) {
    employee.manager = null;
    return;
  }
  if (managerUnionId === employee.unionId) throw errors.BAD_USER_INPUT('An employee cannot be their own manager');
  const manager = await em.findOne(Employee, { unionId: managerUnionId });
  if (!manager) throw errors.NOT_FOUND(`Manager "${managerUnionId}" not found`);
  if (!manager.isActive) throw errors.BAD_USER_INPUT(`Manager "${managerUnionId}" has left`);
  // walk up from the new manager: meeting the employee there would make a cycle
  const seen = new Set<string>();
  for (let current: Employee | null = manager; current?.manager && !seen.has(current.key); ) {
    seen.add(current.key);
    if (current.manager.key === employee.key) throw errors.BAD_USER_INPUT(`"${managerUnionId}" reports to "${employee.unionId}": that would make a cycle`);
    current = await em.findOne(Employee, { key: current.manager.key });
  }
  employee.manager = em.getReference(Employee, manager.key, { wrapped: true });
}

export async function findTag(em: EntityManager, name: string): Promise<Tag> {
  const tag = await em.findOne(Tag, { name });
  if (!tag) throw errors.NOT_FOUND(`Tag "${name}" not found`);
  return tag;
}

/** Puts a tag on an employee; a tag already there stays (safe to retry). Answers whether the tag was new. */
export async function assignTag(em: EntityManager, employee: Employee, tag: Tag): Promise<boolean> {
  if (await em.count(EmployeeTag, { employee: employee.key, tag: tag.key })) return false;
  em.persist(new EmployeeTag(em.getReference(Employee, employee.key, { wrapped: true }), em.getReference(Tag, tag.key, { wrapped: true })));
  return true;
}

export function assertDates(joinedAt: string, leftAt?: string | null): void {
  if (leftAt && leftAt < joinedAt) throw errors.BAD_USER_INPUT(`leftAt ${leftAt} is before joinedAt ${joinedAt}`);
}
