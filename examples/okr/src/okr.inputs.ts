import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';

const QUARTER = /^\d{4}-Q[1-4]$/;

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

@InputType()
export class AddKeyResultInput {
  @Field(() => ID)
  @Length(1, 64)
  objectiveId!: string;

  @Field(() => String)
  @Length(1, 200)
  title!: string;
}

@InputType()
export class UpdateProgressInput {
  @Field(() => ID)
  @Length(1, 64)
  keyResultId!: string;

  @Field(() => Int)
  @Min(0)
  @Max(100)
  progress!: number;
}

export { QUARTER };
