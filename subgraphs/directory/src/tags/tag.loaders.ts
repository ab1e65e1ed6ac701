import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import { EmployeeTag } from '../employees/employee.entity';
import { Tag } from './tag.entity';
import type { DirectoryServices } from '../services';

export function tagLoaders(em: EntityManager, _auth: AuthContext, _services: DirectoryServices) {
  return {
    tagByName: entityLoader(em, Tag, 'name'),
    /** Key: an employee's key; their tags by name. */
    tagsByEmployeeKey: new DataLoader<string, Tag[]>(async (keys) => {
      const rows = await em.find(EmployeeTag, { employee: { $in: [...keys] } }, { populate: ['tag'], strategy: 'joined', orderBy: { tag: { name: 'asc' } } });
      return groupByKeys(keys, rows, (row) => row.employee.key).map((links) => links.map((link) => link.tag.getEntity()));
    }),
  };
}
