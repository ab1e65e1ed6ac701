import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, groupByKeys } from '@corphub/module-kit';
import { Department, DepartmentLink } from './departments/department.entity';
import { Employee, EmployeeTag, Membership } from './employees/employee.entity';
import { Tag } from './tags/tag.entity';

/** One set per request: every entity and field fetch of the directory is batched through these. */
export function createLoaders(em: EntityManager) {
  return {
    employeeByUnionId: entityLoader(em, Employee, 'unionId'),
    employeeByKey: entityLoader(em, Employee, 'key'),
    departmentById: entityLoader(em, Department, 'id'),
    departmentByKey: entityLoader(em, Department, 'key'),
    tagByName: entityLoader(em, Tag, 'name'),
    /** Key: an employee's key; its memberships with their departments, the primary one first. */
    membershipsByEmployeeKey: new DataLoader<string, Membership[]>(async (keys) => {
      const rows = await em.find(Membership, { employee: { $in: [...keys] } }, { populate: ['department'], strategy: 'joined', orderBy: { primary: 'desc', department: { name: 'asc' } } });
      return groupByKeys(keys, rows, (row) => row.employee.key);
    }),
    /** Key: an employee's key; their tags by name. */
    tagsByEmployeeKey: new DataLoader<string, Tag[]>(async (keys) => {
      const rows = await em.find(EmployeeTag, { employee: { $in: [...keys] } }, { populate: ['tag'], strategy: 'joined', orderBy: { tag: { name: 'asc' } } });
      return groupByKeys(keys, rows, (row) => row.employee.key).map((links) => links.map((link) => link.tag.getEntity()));
    }),
    /** Key: a manager's key; their active direct reports by name. */
    directReportsByManagerKey: new DataLoader<string, Employee[]>(async (keys) => {
      const rows = await em.find(Employee, { manager: { $in: [...keys] }, status: 'ACTIVE' as never }, { orderBy: { displayName: 'asc', key: 'asc' } });
      return groupByKeys(keys, rows, (row) => row.manager!.key);
    }),
    /** Key: a department's key; its children in tree order. */
    childrenByParentKey: new DataLoader<string, Department[]>(async (keys) => {
      const rows = await em.find(Department, { parent: { $in: [...keys] } }, { orderBy: { order: 'asc', name: 'asc', key: 'asc' } });
      return groupByKeys(keys, rows, (row) => row.parent!.key);
    }),
    /** Key: a department's key; its ancestors, nearest first (itself excluded). */
    ancestorsByDepartmentKey: new DataLoader<string, Department[]>(async (keys) => {
      const rows = await em.find(
        DepartmentLink,
        { descendant: { $in: [...keys] }, distance: { $gt: 0 } },
        { populate: ['ancestor'], strategy: 'joined', orderBy: { distance: 'asc' } },
      );
      return groupByKeys(keys, rows, (row) => row.descendant.key).map((links) => links.map((link) => link.ancestor.getEntity()));
    }),
  };
}

export type DirectoryLoaders = ReturnType<typeof createLoaders>;
