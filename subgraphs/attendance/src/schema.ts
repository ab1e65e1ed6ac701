import { buildFederatedSchema } from '@corphub/module-kit';
import { CheckInRuleResolver } from './rules/rule.resolver';
import { CheckInResolver } from './check-ins/check-in.resolver';
import { EmployeeAttendanceResolver } from './employees/employee.resolver';
import { DepartmentAttendanceResolver } from './summaries/summary.resolver';
import { EmployeeStub } from './employees/employee.stub';
import { CalendarResolver } from './calendars/calendar.resolver';
import { EmployeeLeaveResolver, LeaveResolver } from './leave/leave.resolver';
import { EmployeeMakeUpResolver, MakeUpResolver } from './make-ups/make-up.resolver';
import { ApprovalRequestStub, ApprovalSubjectsResolver } from './approval-subjects.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    module: 'attendance',
    resolvers: [CheckInRuleResolver, CheckInResolver, EmployeeAttendanceResolver, DepartmentAttendanceResolver, CalendarResolver, LeaveResolver, EmployeeLeaveResolver, MakeUpResolver, EmployeeMakeUpResolver, ApprovalSubjectsResolver],
    orphanedTypes: [EmployeeStub, ApprovalRequestStub],
    references: { Employee: (ref: { unionId: string }) => ref, ApprovalRequest: (ref: { id: string }) => ref },
  });
}
