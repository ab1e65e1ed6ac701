import { ArrayMaxSize, IsOptional, IsTimeZone, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { REGION } from '../calendars/calendar.inputs';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A Wi-Fi access point's MAC address, for rules' BSSIDs and check-ins alike. */
export const BSSID = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

/** A point on Earth, validated once for places and check-in locations alike. */
@InputType()
export abstract class CoordinatesInput {
  @Field(() => Float)
  @Min(-90)
  @Max(90)
  latitude!: number;

  @Field(() => Float)
  @Min(-180)
  @Max(180)
  longitude!: number;
}

@InputType()
export class PlaceInput extends CoordinatesInput {
  @Field(() => String)
  @Length(1, 100)
  name!: string;

  @Field(() => Float, { description: 'Metres (1–100,000).' })
  @Min(1)
  @Max(100_000)
  radiusMeters!: number;
}

@InputType({ description: "A rule's schedule and places (a new version of them on update)." })
export class RuleSettingsInput {
  @Field(() => String, { description: 'IANA time zone, e.g. Asia/Shanghai.' })
  @IsTimeZone()
  timezone!: string;

  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' })
  @ArrayMaxSize(7)
  @Min(1, { each: true })
  @Max(7, { each: true })
  workDays!: number[];

  @Field(() => String, { description: 'HH:MM, local time.' })
  @Matches(TIME, { message: 'onDutyTime must be HH:MM (00:00–23:59)' })
  onDutyTime!: string;

  @Field(() => String, { description: 'HH:MM, local time, after onDutyTime.' })
  @Matches(TIME, { message: 'offDutyTime must be HH:MM (00:00–23:59)' })
  offDutyTime!: string;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(240)
  flexibleMinutes: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(240)
  lateGraceMinutes: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(240)
  earlyLeaveGraceMinutes: number = 0;

  @Field(() => [PlaceInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  places!: PlaceInput[];

  @Field(() => Boolean, { defaultValue: false })
  fieldPhotoRequired: boolean = false;

  @Field(() => [String], { defaultValue: [], description: 'Wi-Fi access points, e.g. aa:bb:cc:dd:ee:ff.' })
  @ArrayMaxSize(100)
  @Matches(BSSID, { each: true, message: 'wifiBssids must be MAC addresses like aa:bb:cc:dd:ee:ff' })
  wifiBssids!: string[];

  @Field(() => [LocalDateResolver], { defaultValue: [] })
  @ArrayMaxSize(400)
  holidays!: string[];

  @Field(() => [LocalDateResolver], { defaultValue: [] })
  @ArrayMaxSize(400)
  specialWorkDays!: string[];

  @Field(() => String, { nullable: true, description: "The corp's work calendar to follow (ISO 3166 region, e.g. CN; see importWorkCalendar). `holidays` and `specialWorkDays` still win over it." })
  @IsOptional()
  @Matches(REGION, { message: 'calendarRegion must be an ISO 3166 code such as CN or CN-HK' })
  calendarRegion?: string | null;
}

@InputType({ description: 'Whom a rule applies to; none of them: everyone in the corp (the least specific).' })
export class RuleTargetsInput {
  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(200)
  departmentIds!: string[];

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(1000)
  unionIds!: string[];

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(100)
  tags!: string[];
}

@InputType()
export class CreateCheckInRuleInput {
  @Field(() => String)
  @Length(1, 100)
  name!: string;

  @Field(() => RuleSettingsInput)
  @ValidateNested()
  settings!: RuleSettingsInput;

  @Field(() => RuleTargetsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  appliesTo?: RuleTargetsInput;
}

@InputType({ description: 'A change from the next day on (in the rule’s zone); what is omitted stays.' })
export class UpdateCheckInRuleInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  name?: string;

  @Field(() => RuleSettingsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  settings?: RuleSettingsInput;

  @Field(() => RuleTargetsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  appliesTo?: RuleTargetsInput;
}
