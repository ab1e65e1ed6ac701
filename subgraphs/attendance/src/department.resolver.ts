import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { CORP_READERS, errors, inScope, toCsv, type AuthContext } from '@corphub/module-kit';
import type { EmployeeTargets } from './graph';
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

const isCorpReader = (auth: AuthContext) => (CORP_READERS as readonly string[]).includes(auth.role);

/**
 * Who reads a department's month: corp readers (admins, analysts), and a manager of the department: an
 * employee above every other member of it, sub-departments included, in the management chain (a head
 * who is a member themself, or a manager above the whole team). Anyone else is FORBIDDEN.
 */
function mayReadDepartment(auth: AuthContext, members: EmployeeTargets[]): boolean {
  if (isCorpReader(auth)) return true;
  const me = auth.unionId;
  if (!me) return false;
  const others = members.filter((member) => member.unionId !== me);
  return others.length > 0 && others.every((member) => member.managers?.includes(me));
}

/** Members through the graph (directory), then one aggregate statement over all of them. */
export async function departmentAttendance(context: AttendanceContext, departmentId: string, month: string, top: number): Promise<DepartmentAttendance> {
  checkMonth(month);
  const { from, to } = monthRange(month);
  const { auth, loaders, requestId } = context;
  const department = await loaders.graph.departmentTargets(auth.corpId, departmentId, requestId, !isCorpReader(auth));
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

const CSV_COLUMNS = ['workDays', 'attendedDays', 'lateCount', 'earlyLeaveCount', 'absentDays', 'missingCount', 'fieldCount', 'outOfRangeCount'] as const;

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

@Resolver()
export class DepartmentAttendanceResolver {
  @Query(() => DepartmentAttendance, { description: "A department's month (sub-departments included): sums and the members with most exceptions. Corp readers and the department's managers." })
  async departmentAttendance(
    @Arg('departmentId', () => ID) departmentId: string,
    @Arg('month', () => String, { description: 'YYYY-MM' }) month: string,
    @Arg('top', () => Int, { defaultValue: 5, description: 'How many people with most exceptions (0–100).' }) top: number,
    @Ctx() context: AttendanceContext,
  ): Promise<DepartmentAttendance> {
    if (top < 0 || top > 100) throw errors.BAD_USER_INPUT('top must be 0–100');
    return departmentAttendance(context, departmentId, month, top);
  }

  @Query(() => String, { description: "The department's month as CSV (one line per member, then the totals); also GET /attendance/departments/{id}/{month}.csv. Corp readers and the department's managers." })
  async departmentAttendanceCsv(@Arg('departmentId', () => ID) departmentId: string, @Arg('month', () => String) month: string, @Ctx() context: AttendanceContext): Promise<string> {
    return attendanceCsv(await departmentAttendance(context, departmentId, month, 0));
  }
}
