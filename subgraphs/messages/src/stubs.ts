import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The directory's Employee, which messages extends with `unreadMessageCount`. */
@ObjectType('Employee')
@Directive('@key(fields: "unionId")')
export class EmployeeStub {
  @Field(() => ID)
  unionId!: string;
}

export const employeeRef = (unionId: string): EmployeeStub => ({ unionId });

/** Identity's App, referenced (never extended) by a message's sender. */
@ObjectType('App')
@Directive('@key(fields: "appId", resolvable: false)')
export class AppStub {
  @Field(() => ID)
  appId!: string;
}
