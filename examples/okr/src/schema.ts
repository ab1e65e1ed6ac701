import { buildFederatedSchema } from '@corphub/module-kit';
import { ObjectiveResolver } from './objectives/objective.resolver';
import { KeyResultResolver } from './key-results/key-result.resolver';
import { EmployeeObjectivesResolver } from './employees/employee.resolver';
import { EmployeeStub } from './employees/employee.stub';
import { ApprovalRequestObjectiveResolver, ApprovalRequestStub } from './approvals/approval-request.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [ObjectiveResolver, KeyResultResolver, EmployeeObjectivesResolver, ApprovalRequestObjectiveResolver],
    orphanedTypes: [EmployeeStub, ApprovalRequestStub],
    // the gateway hands us { unionId }: that is all this module needs of an employee
    references: { Employee: (ref: { unionId: string }) => ref, ApprovalRequest: (ref: ApprovalRequestStub) => ref },
    // answered only for corps that installed the module's app (MODULE_NOT_INSTALLED otherwise)
    module: 'okr',
  });
}
