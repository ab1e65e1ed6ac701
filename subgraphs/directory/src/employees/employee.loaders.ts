import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import { Employee, Membership } from './employee.entity';
import type { DirectoryServices } from '../services';

export function employeeLoaders(em: EntityManager, _auth: AuthContext, _services: DirectoryServices) {
  return {
    employeeByUnionId: entityLoader(em, Employee, 'unionId'),
    employeeByKey: entityLoader(em, Employee, 'key'),
    /** Key: an employee's key; its memberships with their departments, the primary one first. */
    membershipsByEmployeeKey: new DataLoader<string, Membership[]>(async (keys) => {
      const rows = await em.find(Membership, { employee: { $in: [...keys] } }, { populate: ['department'], strategy: 'joined', orderBy: { primary: 'desc', department: { name: 'asc' } } });
      return groupByKeys(keys, rows, (row) => row.employee.key);
    }),
    /** Key: a manager's key; their active direct reports by name. */
    directReportsByManagerKey: new DataLoader<string, Employee[]>(async (keys) => {
      const rows = await em.find(Employee, { manager: { $in: [...keys] }, status: 'ACTIVE' as never }, { orderBy: { displayName: 'asc', key: 'asc' } });
      return groupByKeys(keys, rows, (row) => row.manager!.key);
    }),
  };
}
