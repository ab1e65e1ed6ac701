import { ObjectType } from 'type-graphql';
import { Connection, type SortKeys } from '@corphub/module-kit';
import { Employee } from './employee.entity';

@ObjectType()
export class EmployeeConnection extends Connection(Employee) {}

/** Lists of employees read by name; the key breaks ties so cursors stay stable. */
export const EMPLOYEE_ORDER: SortKeys<Employee> = [
  ['displayName', 'asc'],
  ['key', 'asc'],
];
