import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The Standard Webhooks headers (standardwebhooks.com): message id (the event's, the same at every retry), Unix seconds, signatures. */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and 24 random bytes in base64, the form Standard Webhooks libraries decode. */
export const newWebhookSecret = () => `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;

/**
 * The HMAC key of a secret: the base64 after `whsec_`, decoded, as the spec says. Node's decoder also reads the
 * base64url secrets issued before (same bytes; a receiver's library wants `-` → `+` and `_` → `/`).
 */
function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers of a delivery signed now. */
export function webhookHeaders(secret: string, id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return { [WEBHOOK_ID_HEADER]: id, [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp), [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, id, timestamp, body) };
}

/**
 * What a receiver checks (any Standard Webhooks library does the same): one of the space-separated `v1`
 * signatures matches, and the timestamp is recent, so a captured delivery cannot be replayed later.
 */
export function verifyWebhook(secret: string, body: string, headers: IncomingHttpHeaders | Record<string, string | undefined>, toleranceSeconds = 300, now = Date.now()): boolean {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = header(WEBHOOK_ID_HEADER);
  const timestamp = Number(header(WEBHOOK_TIMESTAMP_HEADER));
  if (!id || !Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body));
  return (header(WEBHOOK_SIGNATURE_HEADER) ?? '').split(' ').some((signature) => {
    const actual = Buffer.from(signature);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
}
