import { buildFederatedSchema } from '@corphub/module-kit';
// the stubs in this order: it is their order in the printed SDL (schema.graphql)
import { EmployeeStub } from './employees/employee.stub';
import { AppStub } from './apps/app.stub';
import { DeliveryResolver, MessageResolver } from './messages/message.resolver';
import { EmployeeMessagesResolver } from './employees/employee.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [MessageResolver, DeliveryResolver, EmployeeMessagesResolver],
    orphanedTypes: [EmployeeStub, AppStub],
    references: { Employee: (ref: { unionId: string }) => ref },
  });
}
