import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The directory's `Employee` as a module sees it: only its key, the UnionID, for the module to extend with
 * fields of its own (`@Resolver(() => EmployeeStub)` and `@FieldResolver`s). Each module makes its own
 * class — `export const EmployeeStub = employeeStub();` — so that one module's fields never reach
 * another's schema when several subgraphs run in one process.
 */
export function employeeStub() {
  @ObjectType('Employee')
  @Directive('@key(fields: "unionId")')
  class EmployeeStub {
    @Field(() => ID)
    unionId!: string;
  }
  return EmployeeStub;
}

/** A reference to an employee by UnionID, for the gateway to resolve in the directory (and in other modules). */
export const employeeRef = (unionId: string): { unionId: string } => ({ unionId });
