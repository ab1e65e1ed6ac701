import type { EntityManager } from '@mikro-orm/core';
import { AppIntegration } from './app-integration.entity';
import type { AppIntegrationInput } from './app-integration.inputs';
import { errors } from '@corphub/module-kit';
import { internalWebhookUrl } from '../webhooks/webhook.address';
import { webhooksAllowPrivate } from '../webhooks/webhook.dispatcher';
import { newWebhookSecret } from '../webhooks/webhook.signature';

/**
 * Applies redirect URIs and the webhook URL to an app inside the caller's transaction. Returns the
 * webhook signing secret when one was issued now (first webhook URL, or a rotation), else null.
 */
export async function applyIntegration(tx: EntityManager, appId: string, input: AppIntegrationInput & { rotateWebhookSecret?: boolean }): Promise<string | null> {
  const touched = input.redirectUris !== undefined || input.webhookUrl !== undefined || input.rotateWebhookSecret;
  if (!touched) return null;
  // hostnames are checked again at each delivery (they may resolve elsewhere by then)
  const internal = input.webhookUrl && !webhooksAllowPrivate() ? internalWebhookUrl(input.webhookUrl) : null;
  if (internal) throw errors.BAD_USER_INPUT(internal);
  let integration = await tx.findOne(AppIntegration, { appId });
  if (!integration) {
    integration = new AppIntegration(appId);
    tx.persist(integration);
  }
  if (input.redirectUris !== undefined) integration.redirectUris = [...new Set(input.redirectUris)];
  if (input.webhookUrl !== undefined) integration.webhookUrl = input.webhookUrl;
  let issued: string | null = null;
  if ((integration.webhookUrl && !integration.webhookSecret) || input.rotateWebhookSecret) {
    issued = newWebhookSecret();
    integration.webhookSecret = issued;
  }
  return issued;
}
