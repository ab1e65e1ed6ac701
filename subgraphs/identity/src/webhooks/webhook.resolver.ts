import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { FilterOptions } from '@mikro-orm/core';
import { Connection, errors, isAppToken, paginate, Role, transactionalIdempotent, type AuthContext, type Page } from '@corphub/module-kit';
import { App } from '../apps/app.entity';
import { WebhookDelivery, WebhookDeliveryStatus, type WebhookEventType } from './webhook.entity';
import { ONE_APP_EVENT_TYPES, PublishEventInput, WebhookDeliveriesArgs } from './webhook.inputs';
import { recordWebhookEvent } from './webhook.outbox';
import { AUDITED_EVENTS, recordRelayedAudit } from '../audit/audit.record';
import type { IdentityContext } from '../context';

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

/**
 * Whose deliveries a caller reads and redelivers, as the rest of the webhook API allows: a corp admin every
 * app's in their corp; the app itself (its client-credentials token, not a person's sign-in) its own in the
 * token's corp; the platform, which registers apps and their webhook URLs, every corp's.
 */
function visibleDeliveries(auth: AuthContext, appId: string | undefined): { where: { appId?: string }; filters?: FilterOptions } {
  if (auth.role === Role.VENDOR) {
    if (!isAppToken(auth)) throw errors.FORBIDDEN("A person's sign-in token cannot read the app's webhooks: use the app's client-credentials token");
    if (appId && appId !== auth.appId) throw errors.FORBIDDEN(`A vendor token may see only its own app's webhooks ("${auth.appId}")`);
    return { where: { appId: auth.appId } };
  }
  return { where: appId ? { appId } : {}, ...(auth.role === Role.PLATFORM ? { filters: { corp: false } } : {}) };
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @Authorized(Role.ADMIN, Role.PLATFORM, Role.VENDOR)
  @Query(() => WebhookDeliveryConnection, {
    description: "Webhook deliveries, newest first: status, attempts, the receiver's last HTTP status, the next attempt. A corp admin sees the corp's, an app (its own token) its own, the platform every corp's.",
  })
  async webhookDeliveries(@Args(() => WebhookDeliveriesArgs) { appId, status, ...page }: WebhookDeliveriesArgs, @Ctx() { auth, em }: IdentityContext): Promise<Page<WebhookDelivery>> {
    const { where, filters } = visibleDeliveries(auth, appId);
    return paginate(em, WebhookDelivery, { ...where, ...(status ? { status } : {}) }, page, [['createdAt', 'desc'], ['id', 'desc']], { filters });
  }

  @Authorized(Role.ADMIN, Role.PLATFORM, Role.VENDOR)
  @Mutation(() => WebhookDelivery, {
    description:
      'Sends a delivery again under the same `webhook-id` when the dispatcher next looks (about a second): PENDING, due now. Safe to retry: while it is pending a repeat changes nothing, and receivers deduplicate by id. A FAILED delivery gets one more attempt. The callers `webhookDeliveries` shows it to.',
  })
  async redeliverWebhook(@Arg('id', () => ID) id: string, @Ctx() { auth, em }: IdentityContext): Promise<WebhookDelivery> {
    const { where, filters } = visibleDeliveries(auth, undefined);
    return em.transactional(async (tx) => {
      const delivery = await tx.findOne(WebhookDelivery, { ...where, id }, { filters });
      if (!delivery) throw errors.NOT_FOUND(`Webhook delivery "${id}" not found`);
      const now = new Date();
      const status: WebhookDeliveryStatus = delivery.status;
      if (status !== WebhookDeliveryStatus.PENDING || !delivery.nextAttemptAt || delivery.nextAttemptAt > now) {
        delivery.status = WebhookDeliveryStatus.PENDING;
        delivery.nextAttemptAt = now;
      }
      return delivery;
    });
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
      const appId = (data as Record<string, unknown>).appId;
      const oneApp = ONE_APP_EVENT_TYPES.includes(event.type as WebhookEventType);
      if (oneApp && (typeof appId !== 'string' || !appId)) throw errors.BAD_USER_INPUT(`Event "${event.id}": a ${event.type} event names its app (data.appId)`);
      return { ...event, data: data as Record<string, unknown>, onlyTo: oneApp ? [appId as string] : undefined };
    });
    // two relays may hand over the same event at once: the loser finds it recorded on its second run
    return transactionalIdempotent(em, async (tx) => {
      let recorded = 0;
      for (const event of parsed) {
        if (!(await recordWebhookEvent(tx, event.type as WebhookEventType, event.data, { id: event.id, occurredAt: event.occurredAt, onlyTo: event.onlyTo }))) continue;
        recorded++;
        if (event.actor && AUDITED_EVENTS.has(event.type)) recordRelayedAudit(tx, event.type, event.actor, event.data, event.occurredAt);
      }
      return recorded;
    });
  }
}

