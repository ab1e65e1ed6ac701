import { ArrayMaxSize, ArrayMinSize, IsEnum, IsIn, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SafeIntResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { NotBlank, PageArgs } from '@corphub/module-kit';
import { ApprovalQuorum, ApprovalStatus, ApprovalStepKind, MAX_COMMENT_LENGTH } from './approval.entity';

/** How many steps a request may have, and approvers a PEOPLE step may name. */
export const MAX_STEPS = 10;
export const MAX_NAMED = 50;

@InputType({ description: 'Up to how much a manager level approves alone (in the request’s currency).' })
export class ManagerLimitInput {
  @Field(() => Int, { description: '1 = the requester’s direct manager, 2 = theirs, …' })
  @IsInt()
  @Min(1)
  @Max(20)
  level!: number;

  @Field(() => SafeIntResolver, { description: 'Requests up to this amount (minor units, included) stop at this level.' })
  @IsInt()
  @Min(0)
  amountMinor!: number;
}

@InputType({ description: 'One step of a request, resolved from the org chart when asked. Give the field its kind needs.' })
export class ApprovalStepInput {
  @Field(() => ApprovalStepKind)
  @IsEnum(ApprovalStepKind)
  kind!: ApprovalStepKind;

  @Field(() => ApprovalQuorum, { defaultValue: ApprovalQuorum.ANY, description: 'ROLE, TAG and PEOPLE steps: one approval or all. A manager chain is one step per manager.' })
  @IsEnum(ApprovalQuorum)
  quorum: ApprovalQuorum = ApprovalQuorum.ANY;

  @Field(() => Int, { nullable: true, description: 'MANAGER_CHAIN: how many levels at most (default 1).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  depth?: number;

  @Field(() => [ManagerLimitInput], { nullable: true, description: 'MANAGER_CHAIN: the chain stops at the first level (up to depth) whose limit covers the request’s amount.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  limits?: ManagerLimitInput[];

  @Field(() => String, { nullable: true, description: 'ROLE: the job title, exactly as the directory has it.' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  role?: string;

  @Field(() => String, { nullable: true, description: 'TAG: the tag name.' })
  @IsOptional()
  @Length(1, 64)
  @NotBlank()
  tag?: string;

  @Field(() => [ID], { nullable: true, description: 'PEOPLE: the approvers’ unionIds (active employees of the corp).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_NAMED)
  @Length(1, 64, { each: true })
  unionIds?: string[];
}

@InputType({ description: 'What a module asks to have approved.' })
export class RequestApprovalInput {
  @Field(() => String, { description: 'The subject’s GraphQL type in the module, e.g. `LeaveRequest`.' })
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, { message: 'subjectType must be a GraphQL type name' })
  subjectType!: string;

  @Field(() => ID, { description: 'The subject’s key in the module.' })
  @Length(1, 200)
  subjectId!: string;

  @Field(() => ID, { description: 'Who asks: an active employee of the corp (inside the app’s scope).' })
  @Length(1, 64)
  requesterUnionId!: string;

  @Field(() => String, { description: 'Shown in the approvers’ inbox and messages.' })
  @Length(1, 200)
  @NotBlank()
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_COMMENT_LENGTH)
  summary?: string;

  @Field(() => SafeIntResolver, { nullable: true, description: 'The amount at stake in minor units, with currency (manager limits compare it).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  amountMinor?: number;

  @Field(() => String, { nullable: true, description: 'ISO 4217, with amountMinor.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;

  @Field(() => String, { nullable: true, description: 'Where the module shows the subject (a path of the console or app); the messages link there. Default: the request itself.' })
  @IsOptional()
  @Length(1, 300)
  @Matches(/^\/[^\s]*$/, { message: 'link must be a path starting with /' })
  link?: string;

  @Field(() => [ApprovalStepInput], { description: 'The steps in order; at least one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_STEPS)
  @ValidateNested({ each: true })
  steps!: ApprovalStepInput[];
}

export enum ApprovalDecisionKind {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  SEND_BACK = 'SEND_BACK',
  TRANSFER = 'TRANSFER',
}

@InputType({ description: 'An approver’s decision on the current step.' })
export class DecideApprovalInput {
  @Field(() => ID)
  @Length(1, 36)
  id!: string;

  @Field(() => Int, { description: 'The version the approver read: a stale one is CONFLICT.' })
  @IsInt()
  version!: number;

  @Field(() => String, { description: 'APPROVE, REJECT (a reason is required), SEND_BACK (a reason is required) or TRANSFER (to `transferTo`).' })
  @IsIn(Object.values(ApprovalDecisionKind), { message: `decision must be one of ${Object.values(ApprovalDecisionKind).join(', ')}` })
  decision!: ApprovalDecisionKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_COMMENT_LENGTH)
  comment?: string;

  @Field(() => ID, { nullable: true, description: 'TRANSFER: the approver who decides instead (an active employee).' })
  @IsOptional()
  @Length(1, 64)
  transferTo?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Hub modules only (a service token of the app that asked): the approver this decision is made for, whose verified context the module holds, e.g. expenses’ `approveClaim`. The approver must be one of the current step’s; the history names them.',
  })
  @IsOptional()
  @Length(1, 64)
  onBehalfOf?: string;
}

@ArgsType()
export class ApprovalFilterArgs extends PageArgs {
  @Field(() => [ID], { nullable: true, description: 'Only these requests (at most 500): how a module follows its own.' })
  @IsOptional()
  @ArrayMaxSize(500)
  @Length(1, 36, { each: true })
  ids?: string[];

  @Field(() => ID, { nullable: true, description: 'One app’s requests (an app always sees only its own).' })
  @IsOptional()
  @Length(1, 40)
  appId?: string;

  @Field(() => ApprovalStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ApprovalStatus)
  status?: ApprovalStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  subjectType?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  subjectId?: string;

  @Field(() => ID, { nullable: true, description: 'Only PENDING requests whose current step waits for this person’s decision: how a module lists the subjects awaiting someone.' })
  @IsOptional()
  @Length(1, 64)
  awaitingDecisionBy?: string;
}
