import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import { Department, DepartmentLink } from './department.entity';
import type { DirectoryServices } from '../services';

export function departmentLoaders(em: EntityManager, _auth: AuthContext, _services: DirectoryServices) {
  return {
    departmentById: entityLoader(em, Department, 'id'),
    departmentByKey: entityLoader(em, Department, 'key'),
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
