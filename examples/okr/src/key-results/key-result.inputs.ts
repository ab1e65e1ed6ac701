import { Field, ID, InputType, Int } from 'type-graphql';
import { Length, Max, Min } from 'class-validator';

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
