import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'corphub-signature';
export const EVENT_ID_HEADER = 'corphub-event-id';
export const EVENT_TYPE_HEADER = 'corphub-event-type';

export function signWebhook(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver runs (the README has it as a snippet): the signature must match and the timestamp
 * be recent, so a captured delivery cannot be replayed later.
 */
export function verifyWebhook(secret: string, body: string, header: string | undefined, toleranceSeconds = 300, now = Date.now()): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1 || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'));
  const actual = Buffer.from(parts.v1);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
