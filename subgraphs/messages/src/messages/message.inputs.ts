import { ArrayMaxSize, IsEnum, IsOptional, Length, Matches, Validate, ValidateNested, type ValidatorConstraintInterface, ValidatorConstraint } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '@corphub/module-kit';
import { MessageFormat, MessagePriority } from './message.entity';

export const UNION_ID = /^[A-Za-z0-9_-]{1,40}$/;
const DEPARTMENT_ID = /^[A-Za-z0-9_-]{1,100}$/;
export const MAX_UNION_IDS = 500;
export const MAX_GROUPS = 20;
export const MAX_TITLE = 200;
export const MAX_BODY = 4000;
export const MAX_MARK = 500;
/** A send reaches at most this many people (a whole large corp's department tree). */
export const MAX_RECIPIENTS = 50_000;

/** A link into the module: an absolute http(s) URL, or a path on the module's own host. */
@ValidatorConstraint({ name: 'isMessageLink' })
class IsMessageLink implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length > 2000 || /[\s<>"]/.test(value)) return false;
    if (value.startsWith('/') && !value.startsWith('//')) return true;
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'link must be an http(s) URL or a path starting with "/"';
  }
}

@InputType({ description: 'A department whose members get the message.' })
export class DepartmentRecipientInput {
  @Field(() => ID)
  @Matches(DEPARTMENT_ID, { message: 'department id must be a department id' })
  id!: string;

  @Field(() => Boolean, { defaultValue: true, description: 'Also the members of every department below it.' })
  includeSubdepartments: boolean = true;
}

@InputType({ description: 'Who gets a message: the union of everyone named (each person once), less `excludeUnionIds`. Expanded through the directory once, at send time: only active employees of the sender’s corp.' })
export class MessageRecipientsInput {
  @Field(() => Boolean, { defaultValue: false, description: 'Every active employee of the corp (an announcement).' })
  everyone: boolean = false;

  @Field(() => [ID], { nullable: true, description: `People by UnionID (at most ${MAX_UNION_IDS}); one who is not an active employee of the corp is BAD_USER_INPUT.` })
  @IsOptional()
  @ArrayMaxSize(MAX_UNION_IDS)
  @Matches(UNION_ID, { each: true, message: 'unionIds must be UnionIDs' })
  unionIds?: string[];

  @Field(() => [DepartmentRecipientInput], { nullable: true, description: `Departments (at most ${MAX_GROUPS}); an unknown one is BAD_USER_INPUT.` })
  @IsOptional()
  @ArrayMaxSize(MAX_GROUPS)
  @ValidateNested({ each: true })
  departments?: DepartmentRecipientInput[];

  @Field(() => [String], { nullable: true, description: `Tag names (at most ${MAX_GROUPS}): everyone with the tag; an unknown tag is BAD_USER_INPUT.` })
  @IsOptional()
  @ArrayMaxSize(MAX_GROUPS)
  @Length(1, 100, { each: true })
  tags?: string[];

  @Field(() => [ID], { nullable: true, description: 'People left out even when a department or tag includes them (e.g. the author of a log).' })
  @IsOptional()
  @ArrayMaxSize(MAX_UNION_IDS)
  @Matches(UNION_ID, { each: true, message: 'excludeUnionIds must be UnionIDs' })
  excludeUnionIds?: string[];

  @Field(() => Boolean, { defaultValue: false, description: 'Skip people in `unionIds` who are not active employees of the corp, instead of refusing the send (BAD_USER_INPUT).' })
  ignoreUnknownRecipients: boolean = false;
}

@InputType({ description: 'A message to send.' })
export class SendMessageInput {
  @Field(() => MessageRecipientsInput)
  @ValidateNested()
  to!: MessageRecipientsInput;

  @Field(() => String, { description: `1–${MAX_TITLE} characters, plain text.` })
  @Length(1, MAX_TITLE)
  title!: string;

  @Field(() => String, { description: `1–${MAX_BODY} characters, as \`format\` says.` })
  @Length(1, MAX_BODY)
  body!: string;

  @Field(() => MessageFormat, { defaultValue: MessageFormat.PLAIN })
  @IsEnum(MessageFormat)
  format: MessageFormat = MessageFormat.PLAIN;

  @Field(() => String, { nullable: true, description: 'Where the message leads: an http(s) URL or a path such as /expenses/claims/42.' })
  @IsOptional()
  @Validate(IsMessageLink)
  link?: string;

  @Field(() => MessagePriority, { defaultValue: MessagePriority.NORMAL })
  @IsEnum(MessagePriority)
  priority: MessagePriority = MessagePriority.NORMAL;

  @Field(() => String, {
    nullable: true,
    description: 'For retries: a second send with the same key (by the same app, or by the admins of the corp) answers the first message and delivers nothing again.',
  })
  @IsOptional()
  @Length(1, 100)
  idempotencyKey?: string;
}

@ArgsType()
export class InboxArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Only messages not marked read.' })
  unreadOnly: boolean = false;

  @Field(() => ID, { nullable: true, description: 'Only messages from this app; "admin" for those the corp admin sent.' })
  @IsOptional()
  @Length(1, 40)
  appId?: string;
}

@ArgsType()
export class SentMessagesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only messages from this app; "admin" for those the corp admin sent.' })
  @IsOptional()
  @Length(1, 40)
  appId?: string;
}
