import { buildFederatedSchema } from '@corphub/module-kit';
import { CheckInRuleResolver } from './rules/rule.resolver';
import { CheckInResolver } from './check-ins/check-in.resolver';
import { EmployeeAttendanceResolver } from './employees/employee.resolver';
import { DepartmentAttendanceResolver } from './summaries/summary.resolver';
import { EmployeeStub } from './employees/employee.stub';
import { CalendarResolver } from './calendars/calendar.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    module: 'attendance',
    resolvers: [CheckInRuleResolver, CheckInResolver, EmployeeAttendanceResolver, DepartmentAttendanceResolver, CalendarResolver],
    orphanedTypes: [EmployeeStub],
    references: { Employee: (ref: { unionId: string }) => ref },
  });
}
