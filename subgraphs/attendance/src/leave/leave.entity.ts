import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

export enum LeaveType {
  ANNUAL = 'ANNUAL',
  SICK = 'SICK',
  PERSONAL = 'PERSONAL',
}
registerEnumType(LeaveType, { name: 'LeaveType', description: 'Annual, sick or personal leave.' });

export enum DayHalf {
  MORNING = 'MORNING',
  AFTERNOON = 'AFTERNOON',
}
registerEnumType(DayHalf, { name: 'DayHalf', description: 'The first (MORNING) or second (AFTERNOON) half of a work day.' });

/** A request's state; it follows its approval (approvals subgraph) and ends CANCELLED when taken back after approval. */
export enum LeaveStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  SENT_BACK = 'SENT_BACK',
  WITHDRAWN = 'WITHDRAWN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(LeaveStatus, { name: 'LeaveStatus' });

export enum LeaveAccrual {
  /** The year's days accrue a twelfth a month (rounded down to half days), from the month the person joined. */
  MONTHLY = 'MONTHLY',
  /** The year's days are there from 1 January (or the day the person joined). */
  YEARLY = 'YEARLY',
}
registerEnumType(LeaveAccrual, { name: 'LeaveAccrual' });

/** Leave is counted in half days (two per work day): whole numbers in the database, days in the graph. */
export const toDays = (halfDays: number) => halfDays / 2;

/**
 * A person's leave: from `startHalf` of `startDate` to the end of `endHalf` of `endDate`. Only their work
 * days in between count (`halfDays`), and only once approved does it count in summaries and the balance.
 */
@Entity()
@PeopleScoped('unionId')
@Unique({ properties: ['corpId', 'unionId', 'idempotencyKey'] })
@Index({ properties: ['corpId', 'unionId', 'startDate'] })
@Index({ properties: ['status', 'approvalId'] })
@ObjectType({ description: 'A request for annual, sick or personal leave, whole or half days, approved through the approvals service.' })
export class LeaveRequest extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 40 })
  unionId: string;

  // a plain string column: SQLite's introspection misreads the check constraint of an enum column named `type`
  @Property({ type: 'string', length: 16 })
  @Field(() => LeaveType)
  type: LeaveType;

  @Property({ type: 'string', length: 10 })
  @Field(() => LocalDateResolver)
  startDate: string;

  @Enum({ items: () => DayHalf, type: 'string', length: 16 })
  @Field(() => DayHalf, { description: 'MORNING: from the start of the first day; AFTERNOON: from its second half.' })
  startHalf: DayHalf;

  @Property({ type: 'string', length: 10 })
  @Field(() => LocalDateResolver)
  endDate: string;

  @Enum({ items: () => DayHalf, type: 'string', length: 16 })
  @Field(() => DayHalf, { description: 'MORNING: to the end of the last day’s first half; AFTERNOON: to the end of that day.' })
  endHalf: DayHalf;

  /** Work half days it takes off (holidays and days off not counted): what the balance is debited. */
  @Property({ type: 'integer' })
  halfDays: number;

  @Property({ type: 'string', length: 500 })
  @Field(() => String)
  reason: string;

  // a plain string column: SQLite's introspection misreads enum check constraints in a table with a `type` column
  @Property({ type: 'string', length: 16 })
  @Field(() => LeaveStatus)
  status: LeaveStatus = LeaveStatus.PENDING;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => ID, { nullable: true, description: 'The approval request (approvals subgraph) deciding it.' })
  approvalId?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  idempotencyKey?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was approved, rejected, sent back, withdrawn or cancelled.' })
  decidedAt?: Date | null;

  constructor(unionId: string, type: LeaveType, start: { date: string; half: DayHalf }, end: { date: string; half: DayHalf }, halfDays: number, reason: string) {
    super();
    this.unionId = unionId;
    this.type = type;
    this.startDate = start.date;
    this.startHalf = start.half;
    this.endDate = end.date;
    this.endHalf = end.half;
    this.halfDays = halfDays;
    this.reason = reason;
  }

  @Field(() => Float, { description: 'Work days it takes off, in halves (0.5, 1, 2.5 …).' })
  get days(): number {
    return toDays(this.halfDays);
  }
}

/** A corp's rule for a leave type: how many days a year, and how they accrue. Without one, the defaults below. */
@Entity()
@Unique({ properties: ['corpId', 'type'] })
@ObjectType({ description: "The corp's accrual rule for a leave type." })
export class LeavePolicy extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  // a plain string column: SQLite's introspection misreads the check constraint of an enum column named `type`
  @Property({ type: 'string', length: 16 })
  @Field(() => LeaveType)
  type: LeaveType;

  @Property({ type: 'integer' })
  halfDaysPerYear: number;

  @Enum({ items: () => LeaveAccrual, type: 'string', length: 16 })
  @Field(() => LeaveAccrual)
  accrual: LeaveAccrual;

  constructor(type: LeaveType, halfDaysPerYear: number, accrual: LeaveAccrual) {
    super();
    this.type = type;
    this.halfDaysPerYear = halfDaysPerYear;
    this.accrual = accrual;
  }

  @Field(() => Float, { description: 'Days a year (halves allowed).' })
  get daysPerYear(): number {
    return toDays(this.halfDaysPerYear);
  }
}

/** Until a corp sets its own: 5 annual days accrued monthly (the statutory minimum in mainland China), 10 sick and 5 personal days a year. */
export const DEFAULT_POLICIES: Record<LeaveType, { halfDaysPerYear: number; accrual: LeaveAccrual }> = {
  [LeaveType.ANNUAL]: { halfDaysPerYear: 10, accrual: LeaveAccrual.MONTHLY },
  [LeaveType.SICK]: { halfDaysPerYear: 20, accrual: LeaveAccrual.YEARLY },
  [LeaveType.PERSONAL]: { halfDaysPerYear: 10, accrual: LeaveAccrual.YEARLY },
};

/**
 * What a person has taken (`used`: approved) and asked for (`pending`) of a leave type in a year. A request
 * reserves its days (pending), approval debits them (used), anything else gives them back. Every change is
 * a compare-and-set on `version`, so two requests racing for the last days cannot both have them.
 */
@Entity()
@PeopleScoped('unionId')
@Unique({ properties: ['corpId', 'unionId', 'type', 'year'] })
export class LeaveBalance extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 40 })
  unionId: string;

  // a plain string column: SQLite's introspection misreads the check constraint of an enum column named `type`
  @Property({ type: 'string', length: 16 })
  type: LeaveType;

  @Property({ type: 'integer' })
  year: number;

  @Property({ type: 'integer' })
  usedHalfDays: number & Opt = 0;

  @Property({ type: 'integer' })
  pendingHalfDays: number & Opt = 0;

  @Property({ type: 'integer' })
  version: number & Opt = 1;

  constructor(unionId: string, type: LeaveType, year: number) {
    super();
    this.unionId = unionId;
    this.type = type;
    this.year = year;
  }
}

@ObjectType({ description: "A person's leave of one type in a year, in days." })
export class LeaveBalanceView {
  @Field(() => LeaveType)
  type!: LeaveType;

  @Field(() => Int)
  year!: number;

  @Field(() => Float, { description: 'Granted so far (through the current month for MONTHLY accrual; the whole year once it is over).' })
  accruedDays!: number;

  @Field(() => Float, { description: 'Approved leave.' })
  usedDays!: number;

  @Field(() => Float, { description: 'Requested, waiting for approval (reserved).' })
  pendingDays!: number;

  @Field(() => Float, { description: 'accruedDays − usedDays − pendingDays.' })
  availableDays!: number;
}
