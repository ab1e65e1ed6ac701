import type { EntityManager } from '@mikro-orm/core';
import { errors, transactionalIdempotent } from '@corphub/module-kit';
import type { EmployeeTargets } from '../graph';
import { isWorkDay, rulesFor, type RuleBook } from '../rules/rule.service';
import { employedOn } from '../summaries/employment';
import { datesBetween, isoWeekday } from '../time';
import { DEFAULT_POLICIES, DayHalf, LeaveAccrual, LeaveBalance, LeavePolicy, LeaveRequest, LeaveStatus, LeaveType, toDays, type LeaveBalanceView } from './leave.entity';

/** Which halves of a date a leave covers: none, the morning, the afternoon or both. */
export interface LeaveHalves {
  morning: boolean;
  afternoon: boolean;
}

export function halvesOn(leave: Pick<LeaveRequest, 'startDate' | 'startHalf' | 'endDate' | 'endHalf'>, date: string): LeaveHalves {
  if (date < leave.startDate || date > leave.endDate) return { morning: false, afternoon: false };
  return {
    morning: !(date === leave.startDate && leave.startHalf === DayHalf.AFTERNOON),
    afternoon: !(date === leave.endDate && leave.endHalf === DayHalf.MORNING),
  };
}

/** A date's halves as positions on one line (two per day), for overlap checks. */
const slot = (date: string, half: DayHalf) => (Date.parse(`${date}T00:00:00Z`) / 86_400_000) * 2 + (half === DayHalf.AFTERNOON ? 1 : 0);

export function overlaps(a: Pick<LeaveRequest, 'startDate' | 'startHalf' | 'endDate' | 'endHalf'>, b: Pick<LeaveRequest, 'startDate' | 'startHalf' | 'endDate' | 'endHalf'>): boolean {
  return slot(a.startDate, a.startHalf) <= slot(b.endDate, b.endHalf) && slot(b.startDate, b.startHalf) <= slot(a.endDate, a.endHalf);
}

/**
 * The work half days a leave takes off: each day the person is employed and their rule makes a work day
 * (holidays and days off are free); without a rule that day, Monday to Friday.
 */
export function workHalfDays(book: RuleBook, person: EmployeeTargets | null, leave: Pick<LeaveRequest, 'unionId' | 'startDate' | 'startHalf' | 'endDate' | 'endHalf'>): number {
  const rules = rulesFor(book, person);
  let halves = 0;
  for (const date of datesBetween(leave.startDate, leave.endDate)) {
    if (!employedOn(person ?? { unionId: leave.unionId }, date)) continue;
    const version = rules.on(date);
    if (!(version ? isWorkDay(version, date, book.calendar) : isoWeekday(date) <= 5)) continue;
    const { morning, afternoon } = halvesOn(leave, date);
    halves += Number(morning) + Number(afternoon);
  }
  return halves;
}

export interface PolicyRule {
  type: LeaveType;
  halfDaysPerYear: number;
  accrual: LeaveAccrual;
}

/** The corp's rule for each leave type (its own, else the default): one statement. */
export async function loadPolicies(em: EntityManager): Promise<Map<LeaveType, PolicyRule>> {
  const own = await em.find(LeavePolicy, {});
  const byType = new Map<LeaveType, PolicyRule>(Object.values(LeaveType).map((type) => [type, { type, ...DEFAULT_POLICIES[type] }]));
  for (const policy of own) byType.set(policy.type, { type: policy.type, halfDaysPerYear: policy.halfDaysPerYear, accrual: policy.accrual });
  return byType;
}

/**
 * Half days granted in `year` through `asOf` (a LocalDate): from the later of 1 January and the day they
 * joined; MONTHLY accrues a twelfth of the year's days per month begun (rounded down to half days).
 */
export function accruedHalfDays(policy: PolicyRule, year: number, asOf: string, joinedAt?: string): number {
  const yearStart = `${year}-01-01`;
  const from = joinedAt && joinedAt > yearStart ? joinedAt : yearStart;
  const through = asOf > `${year}-12-31` ? `${year}-12-31` : asOf;
  if (from > through || from.slice(0, 4) !== String(year)) return 0;
  if (policy.accrual === LeaveAccrual.YEARLY) return policy.halfDaysPerYear;
  const months = Number(through.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  return Math.floor((policy.halfDaysPerYear * months) / 12);
}

export function balanceView(policy: PolicyRule, year: number, asOf: string, person: Pick<EmployeeTargets, 'joinedAt'> | null, balance: Pick<LeaveBalance, 'usedHalfDays' | 'pendingHalfDays'> | undefined): LeaveBalanceView {
  const accrued = accruedHalfDays(policy, year, asOf, person?.joinedAt);
  const used = balance?.usedHalfDays ?? 0;
  const pending = balance?.pendingHalfDays ?? 0;
  return { type: policy.type, year, accruedDays: toDays(accrued), usedDays: toDays(used), pendingDays: toDays(pending), availableDays: toDays(accrued - used - pending) };
}

/** The balance row of a person, type and year, created empty on first use (in the caller's transaction). */
async function balanceRow(tx: EntityManager, unionId: string, type: LeaveType, year: number): Promise<LeaveBalance> {
  const found = await tx.findOne(LeaveBalance, { unionId, type, year });
  if (found) return found;
  const created = new LeaveBalance(unionId, type, year);
  // a concurrent first request inserts the same key: the unique index refuses one, which retries
  await tx.persist(created).flush();
  return created;
}

/** Moves half days between a balance's pending and used, compare-and-set on its version: a lost race is CONFLICT. */
async function changeBalance(tx: EntityManager, row: LeaveBalance, change: { pending?: number; used?: number }): Promise<void> {
  const next = { pendingHalfDays: row.pendingHalfDays + (change.pending ?? 0), usedHalfDays: row.usedHalfDays + (change.used ?? 0), version: row.version + 1 };
  const affected = await tx.nativeUpdate(LeaveBalance, { id: row.id, version: row.version }, next);
  if (affected !== 1) throw errors.CONFLICT('The leave balance changed meanwhile: try again', { reason: BALANCE_CHANGED });
  Object.assign(row, next);
}

const BALANCE_CHANGED = 'BALANCE_CHANGED';

/**
 * Runs a transaction that changes a balance again when a concurrent one won the compare-and-set (or
 * created the same balance row first), so racing requests are decided one after the other on what is left.
 */
export async function withBalanceRetries<T>(em: EntityManager, run: (tx: EntityManager) => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transactionalIdempotent(em, run);
    } catch (error) {
      const lostRace = (error as { extensions?: { reason?: unknown } }).extensions?.reason === BALANCE_CHANGED;
      if (!lostRace || attempt >= attempts) throw error;
      em.clear();
    }
  }
}

/**
 * Reserves a new request's half days, or refuses (CONFLICT, reason INSUFFICIENT_LEAVE_BALANCE) when the
 * year's accrual through its last day, less what is used and reserved, does not cover them.
 */
export async function reserve(tx: EntityManager, policy: PolicyRule, person: EmployeeTargets | null, leave: LeaveRequest): Promise<void> {
  const year = Number(leave.startDate.slice(0, 4));
  const row = await balanceRow(tx, leave.unionId, leave.type, year);
  const available = accruedHalfDays(policy, year, leave.endDate, person?.joinedAt) - row.usedHalfDays - row.pendingHalfDays;
  if (available < leave.halfDays) {
    throw errors.CONFLICT(`Not enough ${leave.type.toLowerCase()} leave: ${toDays(leave.halfDays)} days asked, ${toDays(Math.max(available, 0))} available`, {
      reason: 'INSUFFICIENT_LEAVE_BALANCE',
      availableDays: toDays(Math.max(available, 0)),
      requestedDays: toDays(leave.halfDays),
    });
  }
  await changeBalance(tx, row, { pending: leave.halfDays });
}

/**
 * Moves a request to its next status and its days with it: approval debits what was reserved; a refusal,
 * send-back or withdrawal releases it; a cancellation of approved leave credits it back. Compare-and-set
 * on the status, so an outcome applied twice (or racing a cancellation) changes nothing the second time.
 */
export async function settle(tx: EntityManager, leave: LeaveRequest, to: LeaveStatus, at: Date): Promise<boolean> {
  const from = leave.status;
  const affected = await tx.nativeUpdate(LeaveRequest, { id: leave.id, status: from }, { status: to, decidedAt: at });
  if (affected !== 1) return false;
  Object.assign(leave, { status: to, decidedAt: at });
  const row = await balanceRow(tx, leave.unionId, leave.type, Number(leave.startDate.slice(0, 4)));
  if (from === LeaveStatus.PENDING && to === LeaveStatus.APPROVED) await changeBalance(tx, row, { pending: -leave.halfDays, used: leave.halfDays });
  else if (from === LeaveStatus.PENDING) await changeBalance(tx, row, { pending: -leave.halfDays });
  else if (from === LeaveStatus.APPROVED) await changeBalance(tx, row, { used: -leave.halfDays });
  return true;
}

/** Approved leave of these people overlapping [from, to]: one statement. */
export async function approvedLeave(em: EntityManager, unionIds: readonly string[], from: string, to: string): Promise<LeaveRequest[]> {
  if (!unionIds.length) return [];
  return em.find(LeaveRequest, { unionId: { $in: [...unionIds] }, status: LeaveStatus.APPROVED, startDate: { $lte: to }, endDate: { $gte: from } });
}
