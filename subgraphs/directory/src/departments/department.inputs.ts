import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsBoolean, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { NotBlank, PageArgs } from '@corphub/module-kit';

export const DEPARTMENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const DEPARTMENT_ID_MESSAGE = 'id must be 1–64 lowercase letters, digits, dashes or underscores';

@InputType()
export class CreateDepartmentInput {
  @Field(() => ID, { nullable: true, description: 'Readable id (lowercase letters, digits, dashes, underscores), e.g. "sales"; generated when omitted.' })
  @IsOptional()
  @Matches(DEPARTMENT_ID, { message: DEPARTMENT_ID_MESSAGE })
  id?: string;

  @Field(() => String)
  @Length(1, 200)
  @NotBlank()
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The parent department; a top-level department when omitted.' })
  @IsOptional()
  @Length(1, 64)
  parentId?: string;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  order?: number;
}

@InputType()
export class UpdateDepartmentInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  name?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  order?: number;
}

@ArgsType()
export class MembersArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Also list the members of every department below this one (each person once).' })
  @IsBoolean()
  includeSubdepartments: boolean = false;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Also list former members whose last day (leftAt) is on or after this day: what a module needs to report a past month. Not for employees.',
  })
  @IsOptional()
  leftSince?: string;
}

/** People per page of `Department.memberRecords`: its nodes are flat, so a page may be larger than a list of employees. */
export const MAX_MEMBER_RECORDS_PAGE = 2000;

@ArgsType()
export class MemberRecordsArgs extends MembersArgs {
  // replaces PageArgs' bound (class-validator keeps the subclass's validators of a property)
  @Field(() => Int, { defaultValue: 500, description: `How many members to return (1–${MAX_MEMBER_RECORDS_PAGE}).` })
  @Min(1)
  @Max(MAX_MEMBER_RECORDS_PAGE)
  override first: number = 500;
}
