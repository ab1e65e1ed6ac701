import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The directory's Employee, extended here with attendance fields (by UnionID). */
@ObjectType('Employee')
@Directive('@key(fields: "unionId")')
export class EmployeeStub {
  @Field(() => ID)
  unionId!: string;
}
