import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { errors } from '@corphub/module-kit';
import type { AttendanceContext } from '../context';
import { DepartmentAttendance, attendanceCsv, departmentAttendance } from './summary.service';
import { DayAttendance, dayAttendance } from './day.service';

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

  @Query(() => DayAttendance, {
    description:
      "One day across the corp, or a department with those below it: checked in, late, not checked in, on leave, and who. The whole corp: corp readers (a department admin's answer covers their subtree); a department: also its managers.",
  })
  async dayAttendance(
    @Arg('date', () => LocalDateResolver, { description: "The day, e.g. today in the corp's time zone." }) date: string,
    @Arg('departmentId', () => ID, { nullable: true, description: 'A department and those below it; the whole corp when omitted.' }) departmentId: string | null | undefined,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many names per list (0–500); the counts are always whole.' }) first: number,
    @Ctx() context: AttendanceContext,
  ): Promise<DayAttendance> {
    return dayAttendance(context, date, departmentId ?? null, first);
  }
}
