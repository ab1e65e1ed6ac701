import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, Length, Matches, Max, Min, ValidateNested, ArrayNotEmpty } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ApprovalMode, ClaimStatus } from './claim.entity';

@InputType({ description: 'One expense: the amount as a decimal string (`amount: "128.50"`) or in minor units (`amountMinor`), never both.' })
export class LineItemInput {
  @Field(() => String, { description: 'One of the corp’s expense categories (expenseSettings.categories).' })
  @Length(1, 40)
  category!: string;

  @Field(() => String, { nullable: true, description: 'A non-negative decimal with at most the currency’s minor digits, e.g. "128.50".' })
  @IsOptional()
  @Length(1, 30)
  amount?: string;

  @Field(() => SafeIntResolver, { nullable: true, description: 'The amount in minor units (cents, fen).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  amountMinor?: number;

  @Field(() => String, { description: 'ISO 4217 code, e.g. CNY.' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency!: string;

  @Field(() => LocalDateResolver)
  incurredOn!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 200)
  merchant?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 1000)
  note?: string;

  @Field(() => ID, { nullable: true, description: 'A DOCUMENT or IMAGE media id of the caller’s corp (POST /media?kind=DOCUMENT).' })
  @IsOptional()
  invoiceId?: string;
}

@InputType()
export class ClaimInput {
  @Field(() => String)
  @Length(1, 200)
  title!: string;

  @Field(() => [LineItemInput], { description: 'The claim’s items, in order; an update replaces them all.' })
  @ValidateNested()
  @ArrayMaxSize(200)
  items!: LineItemInput[];
}

@InputType({ description: 'A manager level’s approval limit in one currency.' })
export class ManagerApprovalLimitInput {
  @Field(() => Int, { description: '1 = the claimant’s direct manager, up to 10.' })
  @Min(1)
  @Max(10)
  level!: number;

  @Field(() => String, { description: 'ISO 4217 code, e.g. CNY.' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency!: string;

  @Field(() => String, { description: 'A non-negative decimal with at most the currency’s minor digits, e.g. "5000.00".' })
  @Length(1, 30)
  amount!: string;
}

@InputType({ description: 'Fields to change; omitted ones stay.' })
export class ExpenseSettingsInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/, { each: true })
  categories?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(10)
  managerDepth?: number;

  @Field(() => ApprovalMode, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ApprovalMode))
  financeMode?: ApprovalMode;

  @Field(() => [ManagerApprovalLimitInput], { nullable: true, description: 'Replaces every manager approval limit; [] removes them (then managerDepth managers always approve).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested()
  managerApprovalLimits?: ManagerApprovalLimitInput[];
}

@ArgsType()
export class ClaimFilterArgs {
  @Field(() => ClaimStatus, { nullable: true })
  @IsOptional()
  status?: ClaimStatus;

  @Field(() => Date, { nullable: true, description: 'Created at or after this instant.' })
  @IsOptional()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Created before this instant.' })
  @IsOptional()
  to?: Date;
}
