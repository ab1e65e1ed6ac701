import { IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, InputType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { DayHalf, LeaveAccrual, LeaveType } from './leave.entity';

@InputType({ description: 'Leave for the caller: from `startHalf` of `startDate` to the end of `endHalf` of `endDate` (a half day: the same date and half twice).' })
export class RequestLeaveInput {
  @Field(() => LeaveType)
  type!: LeaveType;

  @Field(() => LocalDateResolver)
  startDate!: string;

  @Field(() => DayHalf, { defaultValue: DayHalf.MORNING })
  startHalf!: DayHalf;

  @Field(() => LocalDateResolver)
  endDate!: string;

  @Field(() => DayHalf, { defaultValue: DayHalf.AFTERNOON })
  endHalf!: DayHalf;

  @Field(() => String)
  @Length(1, 500)
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key answers the first request and asks nothing twice.' })
  @IsOptional()
  @Length(1, 100)
  idempotencyKey?: string;
}

@InputType({ description: "The corp's rule for a leave type." })
export class SetLeavePolicyInput {
  @Field(() => LeaveType)
  type!: LeaveType;

  @Field(() => Float, { description: 'Days a year, 0–366, in halves (e.g. 7.5).' })
  @Min(0)
  @Max(366)
  daysPerYear!: number;

  @Field(() => LeaveAccrual)
  accrual!: LeaveAccrual;
}

