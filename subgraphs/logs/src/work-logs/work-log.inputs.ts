import { ArrayMaxSize, IsEnum, IsOptional, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { PageArgs } from '@corphub/module-kit';
import { WorkLogKind, WorkLogVisibility } from './work-log.entity';

export const UNION_ID = /^[A-Za-z0-9_-]{1,40}$/;
const MEDIA_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
export const MAX_TEXT = 10_000;
export const MAX_ATTACHMENTS = 10;
export const MAX_READERS = 200;

@InputType({ description: 'A new work log. DAILY needs `date`, WEEKLY needs `week`, NOTE takes neither.' })
export class CreateWorkLogInput {
  @Field(() => WorkLogKind)
  @IsEnum(WorkLogKind)
  kind!: WorkLogKind;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The day a DAILY log covers (in the corp’s time zone).' })
  @IsOptional()
  date?: string;

  @Field(() => String, { nullable: true, description: 'The ISO week a WEEKLY log covers, e.g. "2026-W48".' })
  @IsOptional()
  @Matches(ISO_WEEK, { message: 'week must be an ISO week such as 2026-W48' })
  week?: string;

  @Field(() => String)
  @Length(1, MAX_TEXT)
  text!: string;

  @Field(() => ID, { nullable: true, description: 'A voice note: a media id uploaded with kind=AUDIO (POST /media).' })
  @IsOptional()
  @Matches(MEDIA_ID, { message: 'voiceMediaId must be a media id' })
  voiceMediaId?: string;

  @Field(() => [ID], { nullable: true, description: `Media ids of photos or documents (at most ${MAX_ATTACHMENTS}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @Matches(MEDIA_ID, { each: true, message: 'attachmentIds must be media ids' })
  attachmentIds?: string[];

  @Field(() => WorkLogVisibility, { defaultValue: WorkLogVisibility.TEAM })
  @IsEnum(WorkLogVisibility)
  visibility: WorkLogVisibility = WorkLogVisibility.TEAM;

  @Field(() => [ID], { nullable: true, description: `PEOPLE only: who may read it, by unionId (at most ${MAX_READERS}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_READERS)
  @Matches(UNION_ID, { each: true, message: 'readerUnionIds must be UnionIDs' })
  readerUnionIds?: string[];
}

@InputType({ description: 'Fields to change; an omitted field stays, `voiceMediaId: null` removes the voice note.' })
export class UpdateWorkLogInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, MAX_TEXT)
  text?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(MEDIA_ID, { message: 'voiceMediaId must be a media id' })
  voiceMediaId?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @Matches(MEDIA_ID, { each: true, message: 'attachmentIds must be media ids' })
  attachmentIds?: string[];

  @Field(() => WorkLogVisibility, { nullable: true })
  @IsOptional()
  @IsEnum(WorkLogVisibility)
  visibility?: WorkLogVisibility;

  @Field(() => [ID], { nullable: true, description: 'PEOPLE only: who may read it, by unionId.' })
  @IsOptional()
  @ArrayMaxSize(MAX_READERS)
  @Matches(UNION_ID, { each: true, message: 'readerUnionIds must be UnionIDs' })
  readerUnionIds?: string[];
}

@ArgsType()
export class WorkLogFeedArgs extends PageArgs {
  @Field(() => WorkLogKind, { nullable: true })
  @IsOptional()
  @IsEnum(WorkLogKind)
  kind?: WorkLogKind;

  @Field(() => ID, { nullable: true, description: 'Only logs whose author was in this department (or one below it) when writing.' })
  @IsOptional()
  @Length(1, 100)
  departmentId?: string;
}

@ArgsType()
export class SubmissionArgs {
  @Field(() => ID)
  @Length(1, 100)
  departmentId!: string;

  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => Boolean, { defaultValue: true, description: 'Also the members of every department below.' })
  includeSubdepartments: boolean = true;
}

/** Whether `week` ("2026-W48") names a week that exists: W53 only in years that have 53 ISO weeks. */
export function isIsoWeek(week: string): boolean {
  const match = ISO_WEEK.exec(week);
  if (!match) return false;
  const [year, number] = [Number(match[1]), Number(match[2])];
  // a year has 53 ISO weeks when Dec 28 falls in week 53, i.e. when Jan 1 or Dec 31 is a Thursday
  const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).getUTCDay();
  const weeks = weekday(year, 0, 1) === 4 || weekday(year, 11, 31) === 4 ? 53 : 52;
  return number >= 1 && number <= weeks;
}
