import type { MikroORM } from '@mikro-orm/core';
import { errors, scopeToCorp, receiveWebhooks, type Logger, type WebhookEvent, type WebhooksRoutes } from '@corphub/module-kit';
import type { OkrServices } from '../services';
import { applyPublishOutcome, OBJECTIVE_SUBJECT } from './objective.publish';

/** The webhook event the approvals service sends the asking app once a request is decided. */
export const APPROVAL_DECIDED = 'approval.decided';

export interface WebhooksRouteOptions {
  orm: MikroORM;
  services: OkrServices;
  logger: Logger;
  /** The app's webhook signing secret (CORPHUB_WEBHOOK_SECRET); unset, `POST /webhooks` answers 503. */
  secret: string | undefined;
}

/**
 * `POST /webhooks`: the hub's signed deliveries for the okr app. `approval.decided` for an objective is applied
 * after its state is read back from the hub (in the event's corp, as the app): the event names what changed,
 * the graph says what it is now. Other events are acknowledged and ignored.
 */
export function webhooksRoute({ orm, services, logger, secret }: WebhooksRouteOptions): WebhooksRoutes {
  const handle = async (event: WebhookEvent) => {
    if (event.type !== APPROVAL_DECIDED || event.data.subjectType !== OBJECTIVE_SUBJECT) return;
    const { approvalId } = event.data;
    if (typeof approvalId !== 'string' || !approvalId || approvalId.length > 64) throw errors.BAD_USER_INPUT('approval.decided names no approvalId');
    const state = (await services.approvals.states(event.corpId, [approvalId])).get(approvalId);
    // not a request of this app in that corp: nothing of ours changed
    if (!state) return;
    await scopeToCorp(orm.em.fork(), event.corpId).transactional((tx) => applyPublishOutcome(tx, state));
  };
  return receiveWebhooks({ secret, appId: services.appId, logger, handle });
}
