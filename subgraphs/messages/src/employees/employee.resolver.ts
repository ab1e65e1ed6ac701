import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { CORP_READERS, type Role } from '@corphub/module-kit';
import type { MessagesContext } from '../context';
import { EmployeeStub } from './employee.stub';

@Resolver(() => EmployeeStub)
export class EmployeeMessagesResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'How many messages this employee has not read: for themself, admins, analysts and services; null for others.' })
  unreadMessageCount(@Root() employee: EmployeeStub, @Ctx() { auth, loaders }: MessagesContext): Promise<number> | null {
    const allowed = auth.unionId === employee.unionId || (CORP_READERS as readonly Role[]).includes(auth.role);
    return allowed ? loaders.unreadByRecipient.load(employee.unionId) : null;
  }
}
