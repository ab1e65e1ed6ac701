import { buildFederatedSchema } from '@corphub/module-kit';
import { AppStub, EmployeeStub } from './stubs';
import { DeliveryResolver, EmployeeMessagesResolver, MessageResolver } from './message.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [MessageResolver, DeliveryResolver, EmployeeMessagesResolver],
    orphanedTypes: [EmployeeStub, AppStub],
    references: { Employee: (ref: { unionId: string }) => ref },
  });
}
