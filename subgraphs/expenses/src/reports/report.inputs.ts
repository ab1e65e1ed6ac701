import { IsOptional, Matches } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { ClaimStatus } from '../claims/claim.entity';

/** A month, YYYY-MM. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@ArgsType()
export class ReportArgs {
  @Field(() => ID, { description: 'The department; its sub-departments are included.' })
  departmentId!: string;

  @Field(() => String, { description: 'First month, YYYY-MM (by the items’ incurredOn).' })
  @Matches(MONTH, { message: 'fromMonth must be YYYY-MM' })
  fromMonth!: string;

  @Field(() => String, { description: 'Last month, YYYY-MM, included.' })
  @Matches(MONTH, { message: 'toMonth must be YYYY-MM' })
  toMonth!: string;

  @Field(() => [ClaimStatus], { nullable: true, description: 'Claims in these states; APPROVED and PAID when omitted.' })
  @IsOptional()
  statuses?: ClaimStatus[];
}
