import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { CORP_READERS, errors, inScope } from '@corphub/module-kit';
import type { AttendanceContext } from '../context';
import type { EmployeeTargets } from '../graph';
import { exceptionTotal, mayReadDepartment, PersonAttendance, summarize } from './summary.service';

@ObjectType({ description: "One day across the corp (or a department and those below it): who checked in, who was late, who has not checked in, who is on leave." })
export class DayAttendance {
  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => ID, { nullable: true, description: 'The department asked about; null for the whole corp.' })
  departmentId!: string | null;

  @Field(() => Int, { description: 'Active employees counted (a department admin: those of their subtree).' })
  memberCount!: number;

  @Field(() => Int, { description: 'For whom the day is a work day of their rule while employed.' })
  workingCount!: number;

  @Field(() => Int, { description: 'People with at least one check-in that day.' })
  checkedInCount!: number;

  @Field(() => Int, { description: 'People late that day (lateness on a morning off excused).' })
  lateCount!: number;

  @Field(() => Int, { description: 'People on approved leave for at least half of the day.' })
  onLeaveCount!: number;

  @Field(() => Int, { description: 'People for whom it is a work day, with no check-in and not on leave all day: absent once the day is over, not yet checked in while it lasts.' })
  notCheckedInCount!: number;

  @Field(() => [PersonAttendance], { description: 'The people late that day, by name (at most `first`).' })
  late!: PersonAttendance[];

  @Field(() => [PersonAttendance], { description: 'The people who have not checked in, by name (at most `first`).' })
  notCheckedIn!: PersonAttendance[];
}

/**
 * A day's attendance over a department (sub-departments included) or, without one, the whole corp: the people
 * through the graph (directory), then the same two statements as a month's summary, for one day.
 */
export async function dayAttendance(context: AttendanceContext, date: string, departmentId: string | null, first: number): Promise<DayAttendance> {
  if (first < 0 || first > 500) throw errors.BAD_USER_INPUT('first must be 0–500');
  const { auth, services, requestId } = context;
  const isCorpReader = (CORP_READERS as readonly string[]).includes(auth.role);
  let people: EmployeeTargets[];
  if (departmentId) {
    const department = await services.graph.departmentTargets(auth.corpId, departmentId, requestId, !isCorpReader, date);
    if (!mayReadDepartment(auth, department.members)) throw errors.FORBIDDEN("Only corp readers and the department's managers read its attendance");
    people = department.members;
  } else {
    if (!isCorpReader) throw errors.FORBIDDEN("Only corp readers read the whole corp's attendance");
    people = await services.graph.corpTargets(auth.corpId, requestId);
  }
  // decided on the whole set; answered for the people a scoped caller (a department admin, an app) may see
  people = people.filter((person) => inScope(auth, person.unionId));
  const summaries = await summarize(context.em, await context.loaders.ruleBook(), people, date, date);
  const rows = people
    .map((person, i) => ({ employee: { unionId: person.unionId }, displayName: person.displayName ?? person.unionId, summary: summaries[i], exceptionCount: exceptionTotal(summaries[i]) }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const late = rows.filter((row) => row.summary.lateCount > 0);
  const notCheckedIn = rows.filter((row) => row.summary.workDays > 0 && row.summary.attendedDays === 0 && row.summary.leaveDays < 1);
  return {
    date,
    departmentId,
    memberCount: rows.length,
    workingCount: rows.filter((row) => row.summary.workDays > 0).length,
    checkedInCount: rows.filter((row) => row.summary.attendedDays > 0).length,
    lateCount: late.length,
    onLeaveCount: rows.filter((row) => row.summary.leaveDays > 0).length,
    notCheckedInCount: notCheckedIn.length,
    late: late.slice(0, first),
    notCheckedIn: notCheckedIn.slice(0, first),
  };
}
