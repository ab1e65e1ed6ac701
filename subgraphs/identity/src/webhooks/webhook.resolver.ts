import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, errors, paginate, Role, transactionalIdempotent, type Page } from '@corphub/module-kit';
import { App } from '../apps/app.entity';
import { WebhookDelivery, type WebhookEventType } from './webhook.entity';
import { PublishEventInput, WebhookDeliveriesArgs } from './webhook.inputs';
import { recordWebhookEvent } from './webhook.outbox';
import type { IdentityContext } from '../context';

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @Authorized(Role.ADMIN)
  @Query(() => WebhookDeliveryConnection, { description: "The webhook delivery log of the caller's corp, newest first (admins)." })
  async webhookDeliveries(@Args(() => WebhookDeliveriesArgs) { appId, status, ...page }: WebhookDeliveriesArgs, @Ctx() { em }: IdentityContext): Promise<Page<WebhookDelivery>> {
    return paginate(em, WebhookDelivery, { ...(appId ? { appId } : {}), ...(status ? { status } : {}) }, page, [['createdAt', 'desc'], ['id', 'desc']]);
  }

  @FieldResolver(() => App, { nullable: true })
  async app(@Root() delivery: WebhookDelivery, @Ctx() { loaders }: IdentityContext): Promise<App | null> {
    return loaders.appById.load(delivery.appId);
  }

  @Authorized(Role.SERVICE)
  @Mutation(() => Int, {
    description: "For hub subgraphs relaying their outbox: records events for the apps installed in the caller's corp. Answers how many were new (a repeat of an event id is skipped).",
  })
  async publishEvents(@Arg('events', () => [PublishEventInput]) events: PublishEventInput[], @Ctx() { em }: IdentityContext): Promise<number> {
    if (events.length > 100) throw errors.BAD_USER_INPUT('At most 100 events per call');
    const parsed = events.map((event) => {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        data = undefined;
      }
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw errors.BAD_USER_INPUT(`Event "${event.id}": data must be a JSON object`);
      return { ...event, data: data as Record<string, unknown> };
    });
    // two relays may hand over the same event at once: the loser finds it recorded on its second run
    return transactionalIdempotent(em, async (tx) => {
      let recorded = 0;
      for (const event of parsed) {
        if (await recordWebhookEvent(tx, event.type as WebhookEventType, event.data, { id: event.id, occurredAt: event.occurredAt })) recorded++;
      }
      return recorded;
    });
  }
}

