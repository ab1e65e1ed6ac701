import { buildFederatedSchema } from '@corphub/shared';
import { EmployeeObjectivesResolver, ObjectiveResolver } from './okr.resolver';
import { EmployeeStub } from './employee.stub';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [EmployeeObjectivesResolver, ObjectiveResolver],
    orphanedTypes: [EmployeeStub],
    // the gateway hands us { unionId }: that is all this module needs of an employee
    references: { Employee: (ref: { unionId: string }) => ref },
  });
}
