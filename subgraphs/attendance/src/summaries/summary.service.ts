import type { EntityManager } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CORP_READERS, errors, inScope, toCsv, type AuthContext } from '@corphub/module-kit';
import { readCheckInDays, type DayCounts } from '../check-ins/check-in-days';
import type { RuleVersion } from '../rules/rule.entity';
import { EmployeeStub } from '../employees/employee.stub';
import type { EmployeeTargets } from '../graph';
import type { AttendanceContext } from '../context';
import { isHoliday, isWorkDay, rulesFor, type RuleBook } from '../rules/rule.service';
import { clock } from '../clock';
import { datesBetween, daysBetween, localParts, monthRange } from '../time';
import type { LeaveRequest } from '../leave/leave.entity';
import { approvedLeave, halvesOn, type LeaveHalves } from '../leave/leave.service';
import { employedOn, judgeDay } from './employment';

@ObjectType({ description: "A person's (or a department's) attendance over a range of days." })
export class AttendanceSummary {
  @Field(() => Int, { description: 'Work days of their rule in the range while employed (holidays out, special work days in; before joinedAt and after leftAt out).' })
  workDays = 0;

  @Field(() => Int, { description: 'Days with at least one check-in.' })
  attendedDays = 0;

  @Field(() => Int)
  lateCount = 0;

  @Field(() => Int)
  earlyLeaveCount = 0;

  @Field(() => Int, { description: 'Past work days while employed without any check-in and without approved leave.' })
  absentDays = 0;

  @Field(() => Int, { description: 'Past work days with check-ins but no on-duty or no off-duty one (field days excepted).' })
  missingCount = 0;

  @Field(() => Int)
  fieldCount = 0;

  @Field(() => Int)
  outOfRangeCount = 0;

  @Field(() => Int, { description: "Days off for a public holiday (the corp's calendar or the rule's own list) that fell on one of the rule's weekdays, while employed: never absent." })
  holidayDays = 0;

  @Field(() => Int, { description: 'Days with at least one field check-in (fieldCount counts the check-ins).' })
  fieldDays = 0;

  @Field(() => Int, { description: "Days with any exception: late, early leave, out of range, missing or absent (WeCom's 异常天数)." })
  exceptionDays = 0;

  @Field(() => Float, { description: "Work days off on approved leave, in halves (WeCom's 请假天数): never absent. A morning off excuses lateness, an afternoon off early leave." })
  leaveDays = 0;
}

export const MAX_RANGE_DAYS = 366;

export function checkRange(from: string, to: string): void {
  if (from > to) throw errors.BAD_USER_INPUT(`"from" (${from}) must not be after "to" (${to})`);
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw errors.BAD_USER_INPUT(`A range may span at most ${MAX_RANGE_DAYS} days`);
}

/** The approved leave halves of each person's days: `${unionId}|${date}` → halves. */
export function leaveByPersonDay(leave: readonly LeaveRequest[], from: string, to: string): Map<string, LeaveHalves> {
  const byPersonDay = new Map<string, LeaveHalves>();
  for (const request of leave) {
    for (const date of datesBetween(request.startDate > from ? request.startDate : from, request.endDate < to ? request.endDate : to)) {
      const halves = halvesOn(request, date);
      const key = `${request.unionId}|${date}`;
      const known = byPersonDay.get(key);
      byPersonDay.set(key, { morning: halves.morning || !!known?.morning, afternoon: halves.afternoon || !!known?.afternoon });
    }
  }
  return byPersonDay;
}

/** What a rule version makes of each date of the range, worked out once per request, not once per person. */
interface VersionDay {
  workDay: boolean;
  holiday: boolean;
  past: boolean;
}

function versionDays(book: RuleBook, dates: readonly string[]): (version: RuleVersion, i: number) => VersionDay {
  const byVersion = new Map<string, VersionDay[]>();
  const todayIn = new Map<string, string>();
  const now = clock.now();
  return (version, i) => {
    let days = byVersion.get(version.id);
    if (!days) {
      let today = todayIn.get(version.timezone);
      if (today === undefined) todayIn.set(version.timezone, (today = localParts(now, version.timezone).date));
      days = dates.map((date) => ({ workDay: isWorkDay(version, date, book.calendar), holiday: isHoliday(version, date, book.calendar), past: date < today }));
      byVersion.set(version.id, days);
    }
    return days[i];
  };
}

const NO_CHECK_INS: DayCounts = { onDuty: 0, offDuty: 0, field: 0, late: 0, earlyLeave: 0, outOfRange: 0 };

/**
 * Each person's summary over [from, to], judged day by day by the rule in force for them that day, with
 * their approved leave: two statements for any number of people (their day counts, approved leave).
 */
export async function summarize(em: EntityManager, book: RuleBook, people: readonly (EmployeeTargets | { unionId: string })[], from: string, to: string): Promise<AttendanceSummary[]> {
  const unionIds = people.map((person) => person.unionId);
  const [counts, leave] = await Promise.all([readCheckInDays(em, unionIds, from, to), approvedLeave(em, unionIds, from, to)]);
  const leaveOn = leaveByPersonDay(leave, from, to);
  const dates = datesBetween(from, to);
  const dayOf = versionDays(book, dates);
  return people.map((person) => {
    const summary = new AttendanceSummary();
    const rules = rulesFor(book, 'departmentChains' in person ? person : null);
    const days = counts.get(person.unionId);
    for (const [i, date] of dates.entries()) {
      const version = rules.on(date);
      const employed = employedOn(person, date);
      const known = version ? dayOf(version, i) : null;
      const workDay = !!known?.workDay && employed;
      if (workDay) summary.workDays++;
      else if (known?.holiday && employed) summary.holidayDays++;
      const row = days?.get(date);
      const checkIns = row ?? NO_CHECK_INS;
      const halves = leaveOn.size ? leaveOn.get(`${person.unionId}|${date}`) : undefined;
      const day = judgeDay({ workDay, past: !!known?.past, ...checkIns, leaveMorning: !!halves?.morning, leaveAfternoon: !!halves?.afternoon });
      summary.leaveDays += day.leaveHalves / 2;
      if (row) {
        summary.attendedDays++;
        summary.fieldCount += row.field;
        summary.outOfRangeCount += row.outOfRange;
        if (row.field > 0) summary.fieldDays++;
      }
      summary.lateCount += day.late;
      summary.earlyLeaveCount += day.earlyLeave;
      if (day.missing) summary.missingCount++;
      if (day.absent) summary.absentDays++;
      if (day.late + day.earlyLeave + checkIns.outOfRange > 0 || day.missing || day.absent) summary.exceptionDays++;
    }
    return summary;
  });
}

export function exceptionTotal(summary: AttendanceSummary): number {
  return summary.lateCount + summary.earlyLeaveCount + summary.absentDays + summary.missingCount + summary.outOfRangeCount;
}

export function addInto(total: AttendanceSummary, summary: AttendanceSummary): void {
  for (const key of Object.keys(total) as (keyof AttendanceSummary)[]) total[key] += summary[key];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@ObjectType({ description: "One person's month in a department summary." })
export class PersonAttendance {
  @Field(() => EmployeeStub)
  employee!: EmployeeStub;

  @Field(() => String)
  displayName!: string;

  @Field(() => AttendanceSummary)
  summary!: AttendanceSummary;

  @Field(() => Int, { description: 'Late + early leave + absent + missing + out of range.' })
  exceptionCount!: number;
}

@ObjectType({ description: "A department's month, its sub-departments' members included." })
export class DepartmentAttendance {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int)
  memberCount!: number;

  @Field(() => AttendanceSummary, { description: 'The sums over every member.' })
  totals!: AttendanceSummary;

  @Field(() => [PersonAttendance], { description: 'The members with most exceptions, most first (ties by name).' })
  mostExceptions!: PersonAttendance[];

  /** Every member, for the CSV. */
  people!: PersonAttendance[];
}

function checkMonth(month: string): void {
  if (!MONTH.test(month)) throw errors.BAD_USER_INPUT(`month must be YYYY-MM, got "${month}"`);
}

const isCorpReader = (auth: AuthContext) => (CORP_READERS as readonly string[]).includes(auth.role);

/**
 * Who reads a department's month: corp readers (admins, analysts), and a manager of the department: an
 * employee above every other member of it, sub-departments included, in the management chain (a head
 * who is a member themself, or a manager above the whole team). Anyone else is FORBIDDEN.
 */
export function mayReadDepartment(auth: AuthContext, members: EmployeeTargets[]): boolean {
  if (isCorpReader(auth)) return true;
  const me = auth.unionId;
  if (!me) return false;
  // former members keep the manager they had: only the current team decides
  const others = members.filter((member) => member.unionId !== me && !member.leftAt);
  return others.length > 0 && others.every((member) => member.managers?.includes(me));
}

/** Members through the graph (directory), then one aggregate statement over all of them. */
export async function departmentAttendance(context: AttendanceContext, departmentId: string, month: string, top: number): Promise<DepartmentAttendance> {
  checkMonth(month);
  const { from, to } = monthRange(month);
  const { auth, loaders, services, requestId } = context;
  // who left during the month still has its first days in it
  const department = await services.graph.departmentTargets(auth.corpId, departmentId, requestId, !isCorpReader(auth), from);
  if (!mayReadDepartment(auth, department.members)) throw errors.FORBIDDEN("Only corp readers and the department's managers read its attendance");
  // decided on the whole department; answered for the people a scoped app may see
  const { name } = department;
  const members = department.members.filter((member) => inScope(auth, member.unionId));
  const summaries = await summarize(context.em, await loaders.ruleBook(), members, from, to);
  const totals = new AttendanceSummary();
  const people = members.map((member, i) => {
    addInto(totals, summaries[i]);
    return { employee: { unionId: member.unionId }, displayName: member.displayName ?? member.unionId, summary: summaries[i], exceptionCount: exceptionTotal(summaries[i]) };
  });
  const ranked = [...people].filter((person) => person.exceptionCount > 0).sort((a, b) => b.exceptionCount - a.exceptionCount || a.displayName.localeCompare(b.displayName));
  return { departmentId, name, month, memberCount: members.length, totals, mostExceptions: ranked.slice(0, top), people };
}

const CSV_COLUMNS = ['workDays', 'attendedDays', 'lateCount', 'earlyLeaveCount', 'absentDays', 'missingCount', 'fieldCount', 'outOfRangeCount', 'holidayDays', 'fieldDays', 'exceptionDays', 'leaveDays'] as const;

export function attendanceCsv(summary: DepartmentAttendance): string {
  const people = [...summary.people].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return toCsv(
    ['unionId', 'displayName', ...CSV_COLUMNS, 'exceptionCount'],
    [
      ...people.map((person) => [person.employee.unionId, person.displayName, ...CSV_COLUMNS.map((column) => person.summary[column]), person.exceptionCount]),
      ['TOTAL', summary.name, ...CSV_COLUMNS.map((column) => summary.totals[column]), summary.people.reduce((sum, person) => sum + person.exceptionCount, 0)],
    ],
  );
}
