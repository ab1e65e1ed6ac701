import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Length, Matches } from 'class-validator';
import { UNION_ID } from '../employees/employee.inputs';

const TAG_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,63}$/u;
const TAG_NAME_MESSAGE = 'name must be 1–64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit';

@InputType()
export class CreateTagInput {
  @Field(() => String)
  @Matches(TAG_NAME, { message: TAG_NAME_MESSAGE })
  name!: string;
}

@ArgsType()
export class TagAssignmentArgs {
  @Field(() => ID)
  @Matches(UNION_ID, { message: 'unionId must be a UnionID' })
  unionId!: string;

  @Field(() => String, { description: 'The tag name.' })
  @Length(1, 64)
  tag!: string;
}
