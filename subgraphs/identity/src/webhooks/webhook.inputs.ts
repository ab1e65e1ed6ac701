import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsIn, IsOptional, IsUUID, Length } from 'class-validator';
import { PageArgs } from '@corphub/module-kit';
import { WebhookDeliveryStatus, type WebhookEventType } from './webhook.entity';

/** Event types other subgraphs hand over; identity writes its own (install, uninstall, scope) itself. */
export const RELAYED_EVENT_TYPES: WebhookEventType[] = ['employee.hired', 'employee.changed', 'employee.offboarded', 'department.created', 'department.changed', 'department.deleted', 'approval.decided'];

/** Relayed events that concern one app only: delivered to the app their data names (`appId`), no other. */
export const ONE_APP_EVENT_TYPES: WebhookEventType[] = ['approval.decided'];

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this app's deliveries (an app's own token sees only its own)." })
  @IsOptional()
  appId?: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true })
  @IsOptional()
  status?: WebhookDeliveryStatus;
}

@InputType({ description: "An event from another subgraph's outbox." })
export class PublishEventInput {
  @Field(() => ID, { description: 'The id the producing outbox gave the event (a UUID): publishing it again changes nothing.' })
  @IsUUID()
  id!: string;

  @Field(() => String)
  @IsIn(RELAYED_EVENT_TYPES, { message: `type must be one of ${RELAYED_EVENT_TYPES.join(', ')}` })
  type!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => String, { description: "The event's data, a JSON object." })
  @Length(2, 10_000)
  data!: string;

  @Field(() => String, { nullable: true, description: 'Who made the change (a UnionID or token subject): hires and offboardings go to the audit log with it; never sent to apps.' })
  @IsOptional()
  @Length(1, 200)
  actor?: string;
}
