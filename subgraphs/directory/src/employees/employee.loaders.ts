import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import { Employee, Membership } from './employee.entity';
import { Department } from '../departments/department.entity';
import { entitiesFor, readRows, type JoinedRow } from '../joined-rows';
import type { DirectoryServices } from '../services';

/** A department an employee belongs to, and whether it is their primary one. */
export interface MemberOf {
  department: Department;
  primary: boolean;
}

export function employeeLoaders(em: EntityManager, _auth: AuthContext, _services: DirectoryServices) {
  return {
    employeeByUnionId: entityLoader(em, Employee, 'unionId'),
    employeeByKey: entityLoader(em, Employee, 'key'),
    /** Key: an employee's key; their departments, the primary one first, then by name (the memberships read as plain columns). */
    membershipsByEmployeeKey: new DataLoader<string, MemberOf[]>(async (keys) => {
      const rows = await readRows<JoinedRow>(
        (em as SqlEntityManager)
          .createQueryBuilder(Membership, 'm')
          .select(['d.*', 'm.employee_key as for__', 'm.primary as primary__'])
          .join('m.department', 'd')
          .where({ employee: { $in: [...keys] } })
          .orderBy({ primary: 'desc', department: { name: 'asc' } }),
      );
      return entitiesFor(em, Department, 'key', keys, rows, (department, row) => ({ department, primary: Boolean(row.primary__) }));
    }),
    /** Key: a manager's key; their active direct reports by name. */
    directReportsByManagerKey: new DataLoader<string, Employee[]>(async (keys) => {
      const rows = await em.find(Employee, { manager: { $in: [...keys] }, status: 'ACTIVE' as never }, { orderBy: { displayName: 'asc', key: 'asc' } });
      return groupByKeys(keys, rows, (row) => row.manager!.key);
    }),
  };
}
