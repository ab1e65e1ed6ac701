import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Role, errors, transactionalIdempotent } from '@corphub/module-kit';
import type { AttendanceContext } from '../context';
import { EmployeeStub } from '../employees/employee.stub';
import { requireReadable } from '../employees/employee.access';
import { checkRange } from '../summaries/summary.service';
import { clock } from '../clock';
import { LeaveBalanceView, LeavePolicy, LeaveRequest, LeaveType } from './leave.entity';
import { RequestLeaveInput, SetLeavePolicyInput } from './leave.inputs';
import { cancelLeave, requestLeave, visibleLeave } from './leave.flow';
import { balanceView, loadPolicies } from './leave.service';

@Resolver(() => LeaveRequest)
export class LeaveResolver {
  @FieldResolver(() => EmployeeStub, { description: 'Who is on leave.' })
  employee(@Root() leave: LeaveRequest): EmployeeStub {
    return { unionId: leave.unionId };
  }

  @Query(() => LeaveRequest, { description: 'A leave request: the person, their managers and corp readers; anyone else NOT_FOUND.' })
  leaveRequest(@Arg('id', () => ID) id: string, @Ctx() context: AttendanceContext): Promise<LeaveRequest> {
    return visibleLeave(context, id);
  }

  @Query(() => [LeavePolicy], { description: "The corp's accrual rule for each leave type (its own, else the default)." })
  async leavePolicies(@Ctx() { em }: AttendanceContext): Promise<LeavePolicy[]> {
    const rules = await loadPolicies(em);
    return [...rules.values()].map((rule) => new LeavePolicy(rule.type, rule.halfDaysPerYear, rule.accrual));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => LeavePolicy, { description: "Sets the corp's accrual rule for a leave type; balances follow it at once (what is used stays used)." })
  async setLeavePolicy(@Arg('input', () => SetLeavePolicyInput) input: SetLeavePolicyInput, @Ctx() { em }: AttendanceContext): Promise<LeavePolicy> {
    const halfDays = input.daysPerYear * 2;
    if (!Number.isInteger(halfDays)) throw errors.BAD_USER_INPUT('daysPerYear must be whole or half days (e.g. 5 or 7.5)');
    return transactionalIdempotent(em, async (tx) => {
      const policy = (await tx.findOne(LeavePolicy, { type: input.type })) ?? new LeavePolicy(input.type, halfDays, input.accrual);
      Object.assign(policy, { halfDaysPerYear: halfDays, accrual: input.accrual });
      tx.persist(policy);
      return policy;
    });
  }

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => LeaveRequest, {
    description:
      "Asks for leave for the caller, approved by their manager through the approvals service. Only their work days count; the days are reserved from the year's balance at once (CONFLICT with reason INSUFFICIENT_LEAVE_BALANCE when it falls short, OVERLAPPING_LEAVE when it overlaps their pending or approved leave) and debited on approval.",
  })
  requestLeave(@Arg('input', () => RequestLeaveInput) input: RequestLeaveInput, @Ctx() context: AttendanceContext): Promise<LeaveRequest> {
    return requestLeave(context, input);
  }

  @Authorized(Role.EMPLOYEE, Role.ADMIN)
  @Mutation(() => LeaveRequest, {
    description:
      'Takes leave back: a pending request is withdrawn (its approval too), approved leave is cancelled; either way its days return to the balance. The person, before the leave starts; a corp admin, any time.',
  })
  async cancelLeaveRequest(@Arg('id', () => ID) id: string, @Arg('reason', () => String, { nullable: true }) reason: string | null, @Ctx() context: AttendanceContext): Promise<LeaveRequest> {
    if (reason != null && reason.length > 500) throw errors.BAD_USER_INPUT('reason is at most 500 characters');
    return cancelLeave(context, id, reason);
  }
}

@Resolver(() => EmployeeStub)
export class EmployeeLeaveResolver {
  @FieldResolver(() => [LeaveRequest], { description: 'Leave requests overlapping [from, to] (any status), earliest first: the person, their managers and corp readers.' })
  async leaveRequests(
    @Root() employee: EmployeeStub,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Ctx() context: AttendanceContext,
  ): Promise<LeaveRequest[]> {
    checkRange(from, to);
    await requireReadable(employee.unionId, context);
    return context.loaders.leaveRequests(from, to).load(employee.unionId);
  }

  @FieldResolver(() => [LeaveBalanceView], { description: "Each leave type's balance in a year: accrued (so far), used, pending, available. The person, their managers and corp readers." })
  async leaveBalances(@Root() employee: EmployeeStub, @Arg('year', () => Int) year: number, @Ctx() context: AttendanceContext): Promise<LeaveBalanceView[]> {
    if (year < 2000 || year > 2100) throw errors.BAD_USER_INPUT('year must be 2000–2100');
    await requireReadable(employee.unionId, context);
    const { loaders } = context;
    const [policies, balances, person] = await Promise.all([loaders.leavePolicies(), loaders.leaveBalances.load(`${year}|${employee.unionId}`), loaders.targets.load(employee.unionId)]);
    // accrued through today, or through the year's end once it is over
    const asOf = clock.now().toISOString().slice(0, 10);
    return Object.values(LeaveType).map((type) => balanceView(policies.get(type)!, year, asOf, person, balances.find((row) => row.type === type)));
  }
}
