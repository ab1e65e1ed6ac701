import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { CalendarDayKind } from '../calendars/calendar.entity';

export enum RuleStatus {
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
registerEnumType(RuleStatus, { name: 'CheckInRuleStatus' });

@ObjectType({ description: 'A place where check-ins count as in range.' })
export class Place {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => Float, { description: 'Metres; a check-in exactly on the edge is in range.' })
  radiusMeters!: number;
}

/** A check-in rule: its name and status; whom it applies to, its schedule and places live in versions, each in force from a date. */
@Entity()
@Index({ properties: ['corpId', 'status'] })
@ObjectType({ description: 'Who checks in where and when. Changes apply from the next day and never rewrite past check-ins.' })
export class CheckInRule extends CorpScoped {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 100 })
  @Field(() => String)
  name: string;

  @Enum({ items: () => RuleStatus, type: 'string', length: 16 })
  @Field(() => RuleStatus)
  status: RuleStatus = RuleStatus.ACTIVE;

  /** Not in force from this date (the day after retirement), in the rule's zone. */
  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => LocalDateResolver, { nullable: true, description: 'A retired rule is in force up to the day before this one.' })
  retiredFrom?: string | null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(name: string) {
    super();
    this.name = name;
  }
}

/** A rule's targets, schedule and places, in force from `effectiveFrom` until the next version's. */
@Entity()
@Unique({ properties: ['corpId', 'ruleId', 'effectiveFrom'] })
@ObjectType('CheckInRuleVersion', { description: "A rule's settings from a day on." })
export class RuleVersion extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'uuid' })
  ruleId: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => LocalDateResolver)
  effectiveFrom: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'IANA time zone, e.g. Asia/Shanghai.' })
  timezone!: string;

  @Property({ type: 'json' })
  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' })
  workDays!: number[];

  @Property({ type: 'string', length: 5 })
  @Field(() => String, { description: 'HH:MM' })
  onDutyTime!: string;

  @Property({ type: 'string', length: 5 })
  @Field(() => String, { description: 'HH:MM' })
  offDutyTime!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Arriving up to this late shifts the day: leave as much later.' })
  flexibleMinutes!: number;

  @Property({ type: 'integer' })
  @Field(() => Int)
  lateGraceMinutes!: number;

  @Property({ type: 'integer' })
  @Field(() => Int)
  earlyLeaveGraceMinutes!: number;

  @Property({ type: 'json' })
  @Field(() => [Place])
  places!: Place[];

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  fieldPhotoRequired!: boolean;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Wi-Fi access points (BSSID, lowercase) that count as in range.' })
  wifiBssids!: string[];

  @Property({ type: 'json' })
  @Field(() => [LocalDateResolver])
  holidays!: string[];

  @Property({ type: 'json' })
  @Field(() => [LocalDateResolver], { description: 'Days worked although not a work day of the week.' })
  specialWorkDays!: string[];

  @Property({ type: 'string', length: 16, nullable: true })
  @Field(() => String, { nullable: true, description: "The corp's work calendar it follows (ISO 3166 region, e.g. CN): its holidays and swapped working days. The rule's own lists win over it." })
  calendarRegion?: string | null;

  @Property({ type: 'json' })
  @Field(() => [ID], { description: 'Departments (and their sub-departments) it applies to.' })
  departmentIds: string[] & Opt = [];

  @Property({ type: 'json' })
  @Field(() => [ID], { description: 'Employees (UnionIDs) it applies to; the most specific target.' })
  unionIds: string[] & Opt = [];

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Employee tags it applies to.' })
  tags: string[] & Opt = [];

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  constructor(ruleId: string, effectiveFrom: string) {
    super();
    this.ruleId = ruleId;
    this.effectiveFrom = effectiveFrom;
  }

  /** The rule's own lists first, then its region's calendar day (`calendarKind`), then the weekday. */
  isWorkDay(date: string, weekday: number, calendarKind?: CalendarDayKind | null): boolean {
    if (this.holidays.includes(date)) return false;
    if (this.specialWorkDays.includes(date)) return true;
    if (calendarKind) return calendarKind === CalendarDayKind.WORKDAY;
    return this.workDays.includes(weekday);
  }
}
