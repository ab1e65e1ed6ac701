import type { EntityManager } from '@mikro-orm/core';
import { AppIntegration } from '../apps/app-integration.entity';
import { Installation, InstallationStatus } from '../apps/installation.entity';
import { WebhookDelivery, WebhookEvent, type WebhookEventType } from './webhook.entity';

export interface RecordEventOptions {
  /** The id another subgraph's outbox gave the event: recording it again changes nothing. */
  id?: string;
  occurredAt?: Date;
  /** Apps that receive the event though no longer installed (the uninstalled app hears of its uninstall). */
  alsoTo?: string[];
  /** Only these apps receive it (if installed): an event about one app's own request, e.g. `approval.decided`. */
  onlyTo?: string[];
}

/**
 * Writes an event and one delivery per app installed in the corp that has a webhook URL, inside the
 * caller's transaction: the change and its event commit together or not at all. Returns false when
 * the event (by id) was already recorded.
 */
export async function recordWebhookEvent(tx: EntityManager, type: WebhookEventType, data: Record<string, unknown>, options: RecordEventOptions = {}): Promise<boolean> {
  if (options.id && (await tx.count(WebhookEvent, { id: options.id }))) return false;
  const event = new WebhookEvent(type, data);
  if (options.id) event.id = options.id;
  if (options.occurredAt) event.occurredAt = options.occurredAt;
  tx.persist(event);
  const installed = await tx.find(Installation, { status: InstallationStatus.INSTALLED });
  let appIds = [...new Set([...installed.map((installation) => installation.app.appId), ...(options.alsoTo ?? [])])];
  if (options.onlyTo) appIds = appIds.filter((appId) => options.onlyTo!.includes(appId));
  if (appIds.length) {
    const subscribed = await tx.find(AppIntegration, { appId: { $in: appIds }, webhookUrl: { $ne: null } });
    const ref = tx.getReference(WebhookEvent, event.id, { wrapped: true });
    for (const { appId } of subscribed) tx.persist(new WebhookDelivery(ref, type, appId));
  }
  await tx.flush();
  return true;
}
