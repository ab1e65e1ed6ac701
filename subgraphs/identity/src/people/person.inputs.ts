import { Field, InputType } from 'type-graphql';
import { IsEmail, IsOptional, Length } from 'class-validator';
import { NotBlank } from '@corphub/module-kit';

@InputType()
export class AddPersonInput {
  @Field(() => String)
  @Length(1, 100)
  @NotBlank()
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'Unique in the corp when given.' })
  @IsOptional()
  @IsEmail()
  email?: string;
}
