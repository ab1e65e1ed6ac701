import { Field, InputType } from 'type-graphql';
import { IsEmail, IsOptional, Length } from 'class-validator';

@InputType()
export class AddPersonInput {
  @Field(() => String)
  @Length(1, 100)
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'Unique in the corp when given.' })
  @IsOptional()
  @IsEmail()
  email?: string;
}
