import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { PageArgs } from '@corphub/module-kit';
import { CheckIn, CheckInType } from '../check-ins/check-in.entity';
import { CheckInConnection } from '../check-ins/check-in.resolver';
import type { AttendanceContext } from '../context';
import { AttendanceSummary, checkRange, leaveByPersonDay } from '../summaries/summary.service';
import { employedOn, judgeDay } from '../summaries/employment';
import { approvedLeave } from '../leave/leave.service';
import { isWorkDay, rulesFor } from '../rules/rule.service';
import { clock } from '../clock';
import { datesBetween, localParts } from '../time';
import { EmployeeStub } from './employee.stub';
import { requireReadable } from './employee.access';

export enum DayException {
  LATE = 'LATE',
  EARLY_LEAVE = 'EARLY_LEAVE',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  /** A past work day with check-ins, but no on-duty or no off-duty one (and no field check-in). */
  MISSING = 'MISSING',
  /** A past work day without any check-in. */
  ABSENT = 'ABSENT',
}
registerEnumType(DayException, { name: 'AttendanceDayException' });

@ObjectType({ description: "One person's day." })
export class AttendanceDay {
  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => Boolean, { description: 'A work day of their rule while they were employed (joinedAt to leftAt).' })
  workDay!: boolean;

  @Field(() => Date, { nullable: true, description: 'The first on-duty (else field) check-in.' })
  firstIn!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The last off-duty (else field) check-in.' })
  lastOut!: Date | null;

  @Field(() => Int, { description: 'Minutes from first in to last out; 0 without both.' })
  workedMinutes!: number;

  @Field(() => Int)
  checkInCount!: number;

  @Field(() => [DayException])
  exceptions!: DayException[];

  @Field(() => Boolean, { description: 'On approved leave in the morning (the on-duty check-in and lateness excused).' })
  leaveMorning!: boolean;

  @Field(() => Boolean, { description: 'On approved leave in the afternoon (the off-duty check-in and early leave excused).' })
  leaveAfternoon!: boolean;
}

@Resolver(() => EmployeeStub)
export class EmployeeAttendanceResolver {
  @FieldResolver(() => AttendanceSummary, { description: 'Attendance over [from, to], both included (at most 366 days).' })
  async attendance(
    @Root() employee: EmployeeStub,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Ctx() context: AttendanceContext,
  ): Promise<AttendanceSummary> {
    checkRange(from, to);
    await requireReadable(employee.unionId, context);
    return context.loaders.summary.load(`${from}|${to}|${employee.unionId}`);
  }

  @FieldResolver(() => CheckInConnection, { description: 'Check-ins on local days [from, to], newest first.' })
  async checkIns(
    @Root() employee: EmployeeStub,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: AttendanceContext,
  ) {
    checkRange(from, to);
    await requireReadable(employee.unionId, context);
    return context.loaders.checkIns(from, to, page).load(employee.unionId);
  }

  @FieldResolver(() => [AttendanceDay], { description: 'Day by day over [from, to]: first in, last out, worked minutes, exceptions.' })
  async attendanceDays(
    @Root() employee: EmployeeStub,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Ctx() context: AttendanceContext,
  ): Promise<AttendanceDay[]> {
    checkRange(from, to);
    await requireReadable(employee.unionId, context);
    const { em, loaders } = context;
    const [rows, book, person, leave] = await Promise.all([
      em.find(CheckIn, { unionId: employee.unionId, localDate: { $gte: from, $lte: to } }, { orderBy: { checkedAt: 'asc' } }),
      loaders.ruleBook(),
      loaders.targets.load(employee.unionId),
      approvedLeave(em, [employee.unionId], from, to),
    ]);
    const rules = rulesFor(book, person);
    const leaveOn = leaveByPersonDay(leave, from, to);
    const now = clock.now();
    return datesBetween(from, to).map((date) => {
      const day = rows.filter((row) => row.localDate === date);
      const version = rules.on(date);
      const workDay = !!version && employedOn(person ?? employee, date) && isWorkDay(version, date, book.calendar);
      const past = !!version && date < localParts(now, version.timezone).date;
      const ofType = (type: CheckInType) => day.filter((row) => row.type === type);
      const field = ofType(CheckInType.FIELD);
      const firstIn = ofType(CheckInType.ON_DUTY)[0]?.checkedAt ?? field[0]?.checkedAt ?? null;
      const lastOut = ofType(CheckInType.OFF_DUTY).at(-1)?.checkedAt ?? field.at(-1)?.checkedAt ?? null;
      const halves = leaveOn.get(`${employee.unionId}|${date}`);
      const judged = judgeDay({
        workDay,
        past,
        onDuty: ofType(CheckInType.ON_DUTY).length,
        offDuty: ofType(CheckInType.OFF_DUTY).length,
        field: field.length,
        late: day.filter((row) => row.late).length,
        earlyLeave: day.filter((row) => row.earlyLeave).length,
        leaveMorning: !!halves?.morning,
        leaveAfternoon: !!halves?.afternoon,
      });
      const exceptions: DayException[] = [];
      if (judged.late) exceptions.push(DayException.LATE);
      if (judged.earlyLeave) exceptions.push(DayException.EARLY_LEAVE);
      if (day.some((row) => row.outOfRange)) exceptions.push(DayException.OUT_OF_RANGE);
      if (judged.absent) exceptions.push(DayException.ABSENT);
      if (judged.missing) exceptions.push(DayException.MISSING);
      return {
        date,
        workDay,
        firstIn,
        lastOut,
        workedMinutes: firstIn && lastOut && lastOut > firstIn ? Math.floor((lastOut.getTime() - firstIn.getTime()) / 60_000) : 0,
        checkInCount: day.length,
        exceptions,
        leaveMorning: workDay && !!halves?.morning,
        leaveAfternoon: workDay && !!halves?.afternoon,
      };
    });
  }
}
