import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import { Department, DepartmentLink } from './department.entity';
import { entitiesFor, readRows, type JoinedRow } from '../joined-rows';
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
    /** Key: a department's key; its ancestors, nearest first (itself excluded): the closure rows read as plain columns. */
    ancestorsByDepartmentKey: new DataLoader<string, Department[]>(async (keys) => {
      const rows = await readRows<JoinedRow>(
        (em as SqlEntityManager)
          .createQueryBuilder(DepartmentLink, 'l')
          .select(['a.*', 'l.descendant_key as for__'])
          .join('l.ancestor', 'a')
          .where({ descendant: { $in: [...keys] }, distance: { $gt: 0 } })
          .orderBy({ distance: 'asc' }),
      );
      return entitiesFor(em, Department, 'key', keys, rows, (department) => department);
    }),
  };
}
