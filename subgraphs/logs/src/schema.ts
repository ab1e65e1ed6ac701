import { buildFederatedSchema } from '@corphub/module-kit';
import { EmployeeStub } from './employees/employee.stub';
import { EmployeeWorkLogsResolver } from './employees/employee.resolver';
import { WorkLogCommentResolver, WorkLogResolver } from './work-logs/work-log.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    module: 'logs',
    resolvers: [WorkLogResolver, WorkLogCommentResolver, EmployeeWorkLogsResolver],
    orphanedTypes: [EmployeeStub],
    references: { Employee: (ref: { unionId: string }) => ref },
  });
}
