import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { CORP_READERS, Role, errors } from '@corphub/shared';
import { EmployeeStub } from './employee.stub';
import type { AttendanceContext } from './loaders';
import { AttendanceSummary, addInto, exceptionTotal, summarize } from './summary';
import { monthRange } from './time';

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

/** Members through the graph (directory), then one aggregate statement over all of them. */
export async function departmentAttendance(context: AttendanceContext, departmentId: string, month: string, top: number): Promise<DepartmentAttendance> {
  checkMonth(month);
  const { from, to } = monthRange(month);
  const { name, members } = await context.loaders.graph.departmentTargets(context.auth.corpId, departmentId, context.requestId);
  const summaries = await summarize(context.em, await context.loaders.ruleBook(), members, from, to);
  const totals = new AttendanceSummary();
  const people = members.map((member, i) => {
    addInto(totals, summaries[i]);
    return { employee: { unionId: member.unionId }, displayName: member.displayName ?? member.unionId, summary: summaries[i], exceptionCount: exceptionTotal(summaries[i]) };
  });
  const ranked = [...people].filter((person) => person.exceptionCount > 0).sort((a, b) => b.exceptionCount - a.exceptionCount || a.displayName.localeCompare(b.displayName));
  return { departmentId, name, month, memberCount: members.length, totals, mostExceptions: ranked.slice(0, top), people };
}

const CSV_COLUMNS = ['workDays', 'attendedDays', 'lateCount', 'earlyLeaveCount', 'absentDays', 'missingCount', 'fieldCount', 'outOfRangeCount'] as const;

/** RFC 4180: quoted when it holds a comma, quote or line break; a leading =+-@ is neutralised for spreadsheets. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function attendanceCsv(summary: DepartmentAttendance): string {
  const lines = [['unionId', 'displayName', ...CSV_COLUMNS, 'exceptionCount']];
  for (const person of [...summary.people].sort((a, b) => a.displayName.localeCompare(b.displayName))) {
    lines.push([person.employee.unionId, person.displayName, ...CSV_COLUMNS.map((column) => String(person.summary[column])), String(person.exceptionCount)]);
  }
  lines.push(['TOTAL', summary.name, ...CSV_COLUMNS.map((column) => String(summary.totals[column])), String(summary.people.reduce((sum, person) => sum + person.exceptionCount, 0))]);
  return lines.map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

@Resolver()
export class DepartmentAttendanceResolver {
  @Authorized(...CORP_READERS)
  @Query(() => DepartmentAttendance, { description: "A department's month (sub-departments included): sums and the members with most exceptions." })
  async departmentAttendance(
    @Arg('departmentId', () => ID) departmentId: string,
    @Arg('month', () => String, { description: 'YYYY-MM' }) month: string,
    @Arg('top', () => Int, { defaultValue: 5, description: 'How many people with most exceptions (0–100).' }) top: number,
    @Ctx() context: AttendanceContext,
  ): Promise<DepartmentAttendance> {
    if (top < 0 || top > 100) throw errors.BAD_USER_INPUT('top must be 0–100');
    return departmentAttendance(context, departmentId, month, top);
  }

  @Authorized(Role.ADMIN)
  @Query(() => String, { description: "The department's month as CSV (one line per member, then the totals); also GET /attendance/departments/{id}/{month}.csv." })
  async departmentAttendanceCsv(@Arg('departmentId', () => ID) departmentId: string, @Arg('month', () => String) month: string, @Ctx() context: AttendanceContext): Promise<string> {
    return attendanceCsv(await departmentAttendance(context, departmentId, month, 0));
  }
}
