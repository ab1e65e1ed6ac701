import type { EntityManager } from '@mikro-orm/core';
import { Role, errors, isUuid, type ApprovalState } from '@corphub/module-kit';
import type { AttendanceContext } from '../context';
import { askManagerApproval, finalOutcome, LEAVE_SUBJECT } from '../approvals';
import { rulesFor } from '../rules/rule.service';
import { clock } from '../clock';
import { localParts } from '../time';
import { DayHalf, LeaveRequest, LeaveStatus, toDays } from './leave.entity';
import type { RequestLeaveInput } from './leave.inputs';
import { loadPolicies, overlaps, reserve, settle, withBalanceRetries, workHalfDays } from './leave.service';


export function checkLeaveInput(input: RequestLeaveInput): void {
  if (input.startDate > input.endDate) throw errors.BAD_USER_INPUT(`startDate (${input.startDate}) must not be after endDate (${input.endDate})`);
  if (input.startDate.slice(0, 4) !== input.endDate.slice(0, 4)) throw errors.BAD_USER_INPUT('A leave request stays within one calendar year (its balance is per year): ask for each year apart');
  if (input.startDate === input.endDate && input.startHalf === DayHalf.AFTERNOON && input.endHalf === DayHalf.MORNING) {
    throw errors.BAD_USER_INPUT('On a single day the leave cannot start in the afternoon and end in the morning');
  }
  if (!input.reason.trim()) throw errors.BAD_USER_INPUT('A reason is required');
}

const halfLabel = (half: DayHalf) => (half === DayHalf.MORNING ? 'morning' : 'afternoon');

/** E.g. "2026-03-04 afternoon" or "2026-03-02 – 2026-03-06". */
export function describeLeave(leave: Pick<LeaveRequest, 'startDate' | 'startHalf' | 'endDate' | 'endHalf'>): string {
  if (leave.startDate === leave.endDate) {
    return leave.startHalf === leave.endHalf ? `${leave.startDate} ${halfLabel(leave.startHalf)}` : leave.startDate;
  }
  const start = leave.startHalf === DayHalf.AFTERNOON ? `${leave.startDate} afternoon` : leave.startDate;
  const end = leave.endHalf === DayHalf.MORNING ? `${leave.endDate} morning` : leave.endDate;
  return `${start} – ${end}`;
}

/**
 * A person's leave request: checked, written with its days reserved (in one transaction, run again when a
 * racing request changed the balance first), then sent to their manager for approval.
 */
export async function requestLeave(context: AttendanceContext, input: RequestLeaveInput): Promise<LeaveRequest> {
  const { auth, em, loaders } = context;
  const unionId = auth.unionId;
  if (!unionId) throw errors.FORBIDDEN('Only an employee with a UnionID asks for leave, for themself');
  const { idempotencyKey } = input;
  if (idempotencyKey) {
    const earlier = await em.findOne(LeaveRequest, { unionId, idempotencyKey });
    if (earlier) return earlier;
  }
  checkLeaveInput(input);
  const [person, book, policies] = await Promise.all([loaders.targets.load(unionId), loaders.ruleBook(), loadPolicies(em)]);
  if (!person) throw errors.FORBIDDEN('Only an employee of the corp asks for leave');
  const start = { date: input.startDate, half: input.startHalf };
  const end = { date: input.endDate, half: input.endHalf };
  const draft = new LeaveRequest(unionId, input.type, start, end, 0, input.reason.trim());
  draft.halfDays = workHalfDays(book, person, draft);
  if (!draft.halfDays) throw errors.BAD_USER_INPUT('The leave covers none of your work days (holidays, days off, or outside your employment)', { reason: 'NO_WORK_DAYS' });
  const leave = await withBalanceRetries(em, async (tx) => {
    if (idempotencyKey) {
      const earlier = await tx.findOne(LeaveRequest, { unionId, idempotencyKey });
      if (earlier) return earlier;
    }
    const open = await tx.find(LeaveRequest, { unionId, status: { $in: [LeaveStatus.PENDING, LeaveStatus.APPROVED] }, startDate: { $lte: draft.endDate }, endDate: { $gte: draft.startDate } });
    const clash = open.find((other) => overlaps(other, draft));
    if (clash) throw errors.CONFLICT(`It overlaps your ${clash.status.toLowerCase()} leave ${describeLeave(clash)}`, { reason: 'OVERLAPPING_LEAVE', leaveRequestId: clash.id });
    const leave = new LeaveRequest(unionId, draft.type, start, end, draft.halfDays, draft.reason);
    leave.idempotencyKey = idempotencyKey ?? null;
    tx.persist(leave);
    await tx.flush();
    await reserve(tx, policies.get(draft.type)!, person, leave);
    return leave;
  });
  if (leave.approvalId) return leave; // a retry that found the first request
  return askLeaveApproval(context, leave, person.displayName ?? unionId);
}

/** Asks the person's manager to approve a just-written request. */
export function askLeaveApproval(context: AttendanceContext, leave: LeaveRequest, displayName: string): Promise<LeaveRequest> {
  return askManagerApproval(
    context,
    leave,
    {
      subjectType: LEAVE_SUBJECT,
      requesterUnionId: leave.unionId,
      title: `${displayName}: ${leave.type.toLowerCase()} leave, ${describeLeave(leave)} (${toDays(leave.halfDays)} days)`,
      summary: leave.reason,
    },
    // refused: its days go back to the balance and the row goes
    async (tx) => {
      await settle(tx, await tx.findOneOrFail(LeaveRequest, { id: leave.id }), LeaveStatus.WITHDRAWN, clock.now());
      await tx.nativeDelete(LeaveRequest, { id: leave.id });
    },
  );
}

/** Applies an approval's final outcome to its leave request (followApprovals; again after a failure: no-op). */
export async function applyLeaveOutcome(tx: EntityManager, leave: LeaveRequest, state: ApprovalState): Promise<void> {
  const outcome = finalOutcome(state);
  if (leave.status !== LeaveStatus.PENDING || !outcome) return;
  await settle(tx, leave, LeaveStatus[outcome.status], outcome.at);
}

/** A leave request the caller may read (the person, their managers, corp readers); anything else NOT_FOUND. */
export async function visibleLeave({ em, loaders }: AttendanceContext, id: string): Promise<LeaveRequest> {
  // not an id at all (PostgreSQL's uuid column would refuse it): found nowhere
  const leave = isUuid(id) ? await em.findOne(LeaveRequest, { id }) : null;
  if (!leave || !(await loaders.mayRead.load(leave.unionId))) throw errors.NOT_FOUND(`Leave request "${id}" not found`);
  return leave;
}

/** Withdraws a pending request (and its approval) or cancels approved leave; see `cancelLeaveRequest`. */
export async function cancelLeave(context: AttendanceContext, id: string, reason: string | null): Promise<LeaveRequest> {
  const { auth, em, loaders, services, requestId } = context;
  const leave = await visibleLeave(context, id);
  const isAdmin = auth.role === Role.ADMIN;
  if (leave.unionId !== auth.unionId && !isAdmin) throw errors.FORBIDDEN('Only the person or a corp admin takes leave back');
  if (leave.status === LeaveStatus.PENDING && leave.approvalId) {
    // the approval may have been decided already, before we heard of it: then its outcome applies first
    const state = (await services.approvals.states(auth.corpId, [leave.approvalId], requestId)).get(leave.approvalId);
    if (state?.status === 'PENDING') await services.approvals.withdraw(auth.corpId, state.id, state.version, reason ?? undefined, requestId);
    const outcome = state?.status === 'PENDING' ? { ...state, status: 'WITHDRAWN' as const } : state;
    if (outcome) await em.transactional(async (tx) => applyLeaveOutcome(tx, (await tx.findOneOrFail(LeaveRequest, { id })), outcome));
    const now = await em.refresh(leave);
    if (now?.status !== LeaveStatus.APPROVED) return leave;
  }
  if (leave.status !== LeaveStatus.APPROVED) throw errors.CONFLICT(`Leave request "${id}" is ${leave.status}: nothing to take back`, { currentStatus: leave.status });
  if (!isAdmin) {
    const [person, book] = await Promise.all([loaders.targets.load(leave.unionId), loaders.ruleBook()]);
    const zone = rulesFor(book, person).on(leave.startDate)?.timezone ?? 'UTC';
    if (localParts(clock.now(), zone).date >= leave.startDate) throw errors.CONFLICT('Leave that has started is cancelled by a corp admin', { reason: 'LEAVE_STARTED' });
  }
  const cancelled = await em.transactional(async (tx) => settle(tx, await tx.findOneOrFail(LeaveRequest, { id }), LeaveStatus.CANCELLED, clock.now()));
  if (!cancelled) throw errors.CONFLICT(`Leave request "${id}" changed meanwhile: reload it`);
  await em.refresh(leave);
  return leave;
}
