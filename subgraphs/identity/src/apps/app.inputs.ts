import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsOptional, Length, Matches } from 'class-validator';
import { NotBlank } from '@corphub/module-kit';
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
  @NotBlank()
  name!: string;

  @Field(() => String)
  @Length(1, 100)
  @NotBlank()
  vendor!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 500)
  description?: string;

  @Field(() => String, { nullable: true, description: "The subgraph serving the module's fields (its name in the supergraph), if any." })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_-]{1,63}$/, { message: 'subgraph must be 2–64 lowercase letters, digits, dashes or underscores, starting with a letter' })
  subgraph?: string;
}

export const MAX_SCOPE_DEPARTMENTS = 200;
export const MAX_SCOPE_TAGS = 200;
export const MAX_SCOPE_PEOPLE = 5000;

@InputType({ description: 'Whom an installed app may see: the whole corp, or departments (with their sub-departments), tags and named people.' })
export class AppScopeInput {
  @Field(() => Boolean, { nullable: true, description: 'true: the whole corp (the default); the lists must then be empty.' })
  @IsOptional()
  @IsBoolean()
  wholeCorp?: boolean;

  @Field(() => [ID], { nullable: true, description: 'Departments, each with every department below it.' })
  @IsOptional()
  @ArrayMaxSize(MAX_SCOPE_DEPARTMENTS)
  @Length(1, 64, { each: true })
  departmentIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Tag names: everyone carrying one of them.' })
  @IsOptional()
  @ArrayMaxSize(MAX_SCOPE_TAGS)
  @Length(1, 64, { each: true })
  tags?: string[];

  @Field(() => [ID], { nullable: true, description: 'Named people (UnionIDs of the corp).' })
  @IsOptional()
  @ArrayMaxSize(MAX_SCOPE_PEOPLE)
  @Length(1, 40, { each: true })
  unionIds?: string[];
}

@ObjectType({ description: "An installed app's visibility: its tokens see only the people inside it, everywhere in the graph." })
export class AppScope {
  @Field(() => Boolean, { description: 'The whole corp (no restriction).' })
  wholeCorp!: boolean;

  @Field(() => [ID])
  departmentIds!: string[];

  @Field(() => [String])
  tags!: string[];

  @Field(() => [ID])
  unionIds!: string[];
}

@ObjectType({ description: 'What the gateway needs to know about a caller once per request (cached): installed modules, and a vendor app’s installation.' })
export class CallerAccess {
  @Field(() => [String], { description: 'Subgraphs of the modules the corp installed.' })
  modules!: string[];

  @Field(() => Boolean, { description: 'Whether the app asked about is installed in the corp (false when none was asked).' })
  appInstalled!: boolean;

  @Field(() => AppScope, { nullable: true, description: 'The installed app’s scope; null when no app was asked or it is not installed.' })
  scope?: AppScope | null;

  @Field(() => [ID], { description: "The app's login grants revoked in the corp (a replayed authorization code) whose access tokens may still be alive: the gateway refuses tokens naming them. Empty when no app was asked." })
  revokedGrants!: string[];
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
