import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { errors } from '@corphub/module-kit';
import { Department, DepartmentLink } from './department.entity';
import { EmployeeStatus, Membership } from '../employees/employee.entity';

export const newDepartmentId = () => `dep_${randomBytes(6).toString('hex')}`;

export async function findDepartment(em: EntityManager, id: string): Promise<Department> {
  const department = await em.findOne(Department, { id });
  if (!department) throw errors.NOT_FOUND(`Department "${id}" not found`);
  return department;
}

/** The keys of a department and of every department below it: one indexed read of the closure table. */
export async function subtreeKeys(em: EntityManager, key: string): Promise<string[]> {
  const links = await em.find(DepartmentLink, { ancestor: key }, { fields: ['descendant'] });
  return links.map((link) => link.descendant.key);
}

/**
 * A new department under `parent` and its closure rows, unsaved: itself at distance 0, and one per
 * ancestor of the parent (`parentLinks`: the parent's rows as descendant, itself included) one further.
 */
export function newDepartment(em: EntityManager, id: string, name: string, parent: Department | null, parentLinks: readonly DepartmentLink[], order: number): { department: Department; links: DepartmentLink[] } {
  const department = new Department(id, name, order);
  department.parent = parent ? em.getReference(Department, parent.key, { wrapped: true }) : null;
  department.depth = parent ? parent.depth + 1 : 0;
  const self = em.getReference(Department, department.key, { wrapped: true });
  const links = [new DepartmentLink(self, self, 0), ...parentLinks.map((link) => new DepartmentLink(link.ancestor, self, link.distance + 1))];
  return { department, links };
}

export async function createDepartment(em: EntityManager, id: string, name: string, parent: Department | null, order: number): Promise<Department> {
  if (await em.count(Department, { id })) throw errors.CONFLICT(`Department "${id}" already exists`);
  const parentLinks = parent ? await em.find(DepartmentLink, { descendant: parent.key }) : [];
  const { department, links } = newDepartment(em, id, name, parent, parentLinks, order);
  em.persist([department, ...links]);
  await em.flush();
  return department;
}

/** Moves a department (and its subtree) under another one, or to the top; refuses to make a cycle. */
export async function moveDepartment(em: EntityManager, department: Department, parent: Department | null): Promise<void> {
  const subtree = await em.find(DepartmentLink, { ancestor: department.key }, { populate: ['descendant'], strategy: 'joined' });
  const keys = subtree.map((link) => link.descendant.key);
  if (parent && keys.includes(parent.key)) {
    throw errors.BAD_USER_INPUT(
      parent.key === department.key ? `Department "${department.id}" cannot be its own parent` : `Department "${parent.id}" is below "${department.id}": moving there would make a cycle`,
    );
  }
  // the pairs that tie the subtree to its old ancestors go; those inside the subtree stay
  await em.nativeDelete(DepartmentLink, { descendant: { $in: keys }, ancestor: { $nin: keys } });
  const depth = parent ? parent.depth + 1 : 0;
  if (parent) {
    const newAncestors = await em.find(DepartmentLink, { descendant: parent.key });
    for (const above of newAncestors) {
      for (const below of subtree) em.persist(new DepartmentLink(above.ancestor, below.descendant, above.distance + below.distance + 1));
    }
  }
  for (const below of subtree) below.descendant.getEntity().depth = depth + below.distance;
  department.parent = parent ? em.getReference(Department, parent.key, { wrapped: true }) : null;
  await em.flush();
}

/** Deletes an empty leaf department; former employees' memberships of it go with it. */
export async function deleteDepartment(em: EntityManager, department: Department): Promise<void> {
  const children = await em.count(Department, { parent: department.key });
  if (children > 0) throw errors.CONFLICT(`Department "${department.id}" still has ${children} sub-department(s): move or delete them first`, { children });
  const members = await em.count(Membership, { department: department.key, employee: { status: EmployeeStatus.ACTIVE } });
  if (members > 0) throw errors.CONFLICT(`Department "${department.id}" still has ${members} member(s): transfer them first`, { members });
  await em.nativeDelete(Membership, { department: department.key });
  await em.nativeDelete(DepartmentLink, { descendant: department.key });
  em.remove(department);
  await em.flush();
}

/** Orders a set of departments as the tree reads: each parent before its children, siblings by order then name. */
export function inTreeOrder(departments: Department[], rootKey?: string): Department[] {
  const byParent = new Map<string | null, Department[]>();
  const present = new Set(departments.map((department) => department.key));
  for (const department of departments) {
    const parentKey = department.key === rootKey || !department.parent || !present.has(department.parent.key) ? null : department.parent.key;
    byParent.set(parentKey, [...(byParent.get(parentKey) ?? []), department]);
  }
  const ordered: Department[] = [];
  const visit = (parentKey: string | null) => {
    const siblings = (byParent.get(parentKey) ?? []).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
    for (const department of siblings) {
      ordered.push(department);
      visit(department.key);
    }
  };
  visit(null);
  return ordered;
}
