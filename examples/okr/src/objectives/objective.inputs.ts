import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';

/** A calendar quarter: `2026-Q4`. */
export const QUARTER = /^\d{4}-Q[1-4]$/;

@InputType()
export class CreateObjectiveInput {
  @Field(() => ID, { nullable: true, description: "The owner's UnionID; default: the caller." })
  @IsOptional()
  @Length(1, 64)
  ownerUnionId?: string;

  @Field(() => String)
  @Length(1, 200)
  title!: string;

  @Field(() => String, { description: 'e.g. `2026-Q4`.' })
  @Matches(QUARTER, { message: 'quarter must look like 2026-Q4' })
  quarter!: string;
}

@ArgsType()
export class PublishObjectiveArgs {
  @Field(() => ID)
  @Length(1, 64)
  id!: string;

  @Field(() => Int, { description: "The objective's `version` as the owner read it: a stale one is CONFLICT." })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}
