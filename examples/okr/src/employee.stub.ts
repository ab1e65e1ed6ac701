import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The directory's Employee, extended by this module with `objectives` (by UnionID, never by a row id). */
@ObjectType('Employee')
@Directive('@key(fields: "unionId")')
export class EmployeeStub {
  @Field(() => ID)
  unionId!: string;
}
