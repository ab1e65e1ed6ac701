import { buildFederatedSchema } from '@corphub/module-kit';
import { EmployeeObjectivesResolver, ObjectiveResolver } from './okr.resolver';
import { EmployeeStub } from './employee.stub';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [EmployeeObjectivesResolver, ObjectiveResolver],
    orphanedTypes: [EmployeeStub],
    // the gateway hands us { unionId }: that is all this module needs of an employee
    references: { Employee: (ref: { unionId: string }) => ref },
    // answered only for corps that installed the module's app (MODULE_NOT_INSTALLED otherwise)
    module: 'okr',
  });
}
