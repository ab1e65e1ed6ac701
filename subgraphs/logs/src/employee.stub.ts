import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The directory's Employee, which logs extends with `workLogs`. */
@ObjectType('Employee')
@Directive('@key(fields: "unionId")')
export class EmployeeStub {
  @Field(() => ID)
  unionId!: string;
}

export const employeeRef = (unionId: string): EmployeeStub => ({ unionId });
