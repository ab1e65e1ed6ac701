import { buildFederatedSchema } from '@corphub/module-kit';
import { CheckInRuleResolver } from './rule.resolver';
import { CheckInResolver } from './checkin.resolver';
import { EmployeeAttendanceResolver } from './employee.resolver';
import { DepartmentAttendanceResolver } from './department.resolver';
import { EmployeeStub } from './employee.stub';

export function buildSchema() {
  return buildFederatedSchema({
    module: 'attendance',
    resolvers: [CheckInRuleResolver, CheckInResolver, EmployeeAttendanceResolver, DepartmentAttendanceResolver],
    orphanedTypes: [EmployeeStub],
    references: { Employee: (ref: { unionId: string }) => ref },
  });
}
