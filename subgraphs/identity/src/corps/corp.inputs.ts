import { Field, InputType } from 'type-graphql';
import { IsOptional, IsTimeZone, Length, Matches } from 'class-validator';
import { NotBlank } from '@corphub/module-kit';

@InputType()
export class CreateCorpInput {
  @Field(() => String, { description: 'Readable corpId: lowercase letters, digits and dashes, 2–64 characters.' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'id must be 2–64 lowercase letters, digits or dashes' })
  id!: string;

  @Field(() => String)
  @Length(1, 200)
  @NotBlank()
  name!: string;

  @Field(() => String, { nullable: true, defaultValue: 'UTC' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;
}
