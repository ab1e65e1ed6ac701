import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { employeeStub } from '@corphub/module-kit';

/** The directory's Employee, which messages extends with `unreadMessageCount`. */
export const EmployeeStub = employeeStub();
export type EmployeeStub = InstanceType<typeof EmployeeStub>;
export { employeeRef } from '@corphub/module-kit';

/** Identity's App, referenced (never extended) by a message's sender. */
@ObjectType('App')
@Directive('@key(fields: "appId", resolvable: false)')
export class AppStub {
  @Field(() => ID)
  appId!: string;
}
