import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { App } from './app.entity';
import { AppIntegrationInput } from './app-integration.inputs';

@InputType()
export class RegisterAppInput extends AppIntegrationInput {
  @Field(() => ID, { nullable: true, description: 'Readable appId (lowercase letters, digits, dashes); generated when omitted.' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{2,39}$/, { message: 'appId must be 3–40 lowercase letters, digits or dashes, starting with a letter' })
  appId?: string;

  @Field(() => String)
  @Length(1, 100)
  name!: string;

  @Field(() => String)
  @Length(1, 100)
  vendor!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 500)
  description?: string;
}

@ObjectType({ description: 'A newly registered app and its secret, shown this once.' })
export class RegisteredApp {
  @Field(() => App)
  app!: App;

  @Field(() => String, { description: 'The app secret: store it now, it is never shown again.' })
  secret!: string;

  @Field(() => String, { nullable: true, description: 'The webhook signing secret when a webhookUrl was given: shown this once.' })
  webhookSecret!: string | null;
}
