import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { entityLoader, type AuthContext } from '@corphub/module-kit';
import { EmployeeTag } from '../employees/employee.entity';
import { Tag } from './tag.entity';
import { entitiesFor, readRows, type JoinedRow } from '../joined-rows';
import type { DirectoryServices } from '../services';

export function tagLoaders(em: EntityManager, _auth: AuthContext, _services: DirectoryServices) {
  return {
    tagByName: entityLoader(em, Tag, 'name'),
    /** Key: an employee's key; their tags by name (the links read as plain columns). */
    tagsByEmployeeKey: new DataLoader<string, Tag[]>(async (keys) => {
      const rows = await readRows<JoinedRow>(
        (em as SqlEntityManager)
          .createQueryBuilder(EmployeeTag, 'l')
          .select(['t.*', 'l.employee_key as for__'])
          .join('l.tag', 't')
          .where({ employee: { $in: [...keys] } })
          .orderBy({ tag: { name: 'asc' } }),
      );
      return entitiesFor(em, Tag, 'key', keys, rows, (tag) => tag);
    }),
  };
}
