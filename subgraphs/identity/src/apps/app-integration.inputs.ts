import { Field, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, IsUrl, Length, Matches } from 'class-validator';
import { NotBlank } from '@corphub/module-kit';
import { App } from './app.entity';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** How an app plugs in: login redirect URIs and webhooks (registerApp and updateApp share them). */
@InputType()
export class AppIntegrationInput {
  @Field(() => [String], { nullable: true, description: 'Exact redirect URIs the login (/oauth/authorize) may send people back to; replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsUrl(URL_OPTIONS, { each: true, message: 'each redirect URI must be an absolute http(s) URL' })
  @Matches(/^[^#]*$/, { each: true, message: 'a redirect URI must not have a fragment' })
  redirectUris?: string[];

  @Field(() => String, { nullable: true, description: 'Where signed webhooks are POSTed; null stops them. Setting it the first time issues the signing secret.' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'webhookUrl must be an absolute http(s) URL' })
  webhookUrl?: string | null;
}

@InputType()
export class UpdateAppInput extends AppIntegrationInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 500)
  description?: string;

  @Field(() => Boolean, { nullable: true, description: 'Issue a new webhook signing secret (the old one stops working at once).' })
  @IsOptional()
  rotateWebhookSecret?: boolean;
}

@ObjectType({ description: 'An updated app, and its webhook signing secret when one was just issued (shown this once).' })
export class UpdatedApp {
  @Field(() => App)
  app!: App;

  @Field(() => String, { nullable: true, description: 'The new webhook signing secret: store it now, it is never shown again.' })
  webhookSecret!: string | null;
}
