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

/**
 * The approvals service's `ApprovalRequest` as a module sees it, to extend with a typed field for its own
 * subject (`@FieldResolver` with `@Directive('@requires(fields: "appId subjectType subjectId")')`): the one
 * inbox (`me { pendingApprovals }`) then shows every module's subject. One class per module, as employeeStub.
 */
export function approvalRequestStub() {
  @ObjectType('ApprovalRequest')
  @Directive('@key(fields: "id")')
  class ApprovalRequestStub {
    @Field(() => ID)
    id!: string;

    // the gateway brings them for a field that @requires them; a plain reference never reads them
    @Field(() => ID, { nullable: false })
    @Directive('@external')
    appId?: string;

    @Field(() => String, { nullable: false })
    @Directive('@external')
    subjectType?: string;

    @Field(() => ID, { nullable: false })
    @Directive('@external')
    subjectId?: string;
  }
  return ApprovalRequestStub;
}

/** What a module's subject field on `ApprovalRequest` @requires. */
export const APPROVAL_SUBJECT_FIELDS = '@requires(fields: "appId subjectType subjectId")';
