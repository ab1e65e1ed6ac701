import { scheduledRetryMs } from '@corphub/module-kit';
import { readWebhookConfig, WEBHOOK_RETRY_JITTER } from '../src/webhooks/webhook.dispatcher';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('webhook retry schedule', () => {
  const config = readWebhookConfig({});
  /** The waits between the attempts of a delivery that never succeeds, with `random` fixing the jitter. */
  const waits = (random: () => number) => Array.from({ length: config.maxAttempts - 1 }, (_, index) => scheduledRetryMs(index + 1, config.retryScheduleMs, WEBHOOK_RETRY_JITTER, random));
  const total = (ms: number[]) => ms.reduce((sum, wait) => sum + wait, 0);

  it('follows the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h', () => {
    expect(waits(() => 0.5)).toEqual([5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, ...Array<number>(8).fill(10 * HOUR)]);
    expect(config.maxAttempts).toBe(14);
  });

  it('retries over more than three days even when jitter shortens every wait', () => {
    expect(total(waits(() => 0.5))).toBe(3 * DAY + 15 * HOUR + 35 * MINUTE + 5 * SECOND);
    expect(total(waits(() => 0))).toBeGreaterThan(3 * DAY);
    expect(total(waits(() => 0))).toBeLessThan(total(waits(() => 0.5)));
  });

  it('spreads each wait by ±10 %', () => {
    expect([scheduledRetryMs(1, config.retryScheduleMs, WEBHOOK_RETRY_JITTER, () => 0), scheduledRetryMs(1, config.retryScheduleMs, WEBHOOK_RETRY_JITTER, () => 1)]).toEqual([4500, 5500]);
    const spread = new Set(Array.from({ length: 50 }, () => scheduledRetryMs(6, config.retryScheduleMs, WEBHOOK_RETRY_JITTER)));
    expect(spread.size).toBeGreaterThan(1);
    for (const wait of spread) expect(Math.abs(wait - 10 * HOUR)).toBeLessThanOrEqual(HOUR);
  });

  it('takes a shorter schedule and attempt count from the environment, repeating the last step', () => {
    const short = readWebhookConfig({ CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS: '400, 800', CORPHUB_WEBHOOK_MAX_ATTEMPTS: '4' });
    expect([short.retryScheduleMs, short.maxAttempts]).toEqual([[400, 800], 4]);
    expect([1, 2, 3].map((attempts) => scheduledRetryMs(attempts, short.retryScheduleMs, 0))).toEqual([400, 800, 800]);
  });

  it('refuses a bad value, naming the variable, instead of falling back to the default', () => {
    expect(() => readWebhookConfig({ CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS: '400,soon' })).toThrow('CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS must be comma-separated positive whole milliseconds, e.g. 400,800, got "400,soon"');
    expect(() => readWebhookConfig({ CORPHUB_WEBHOOK_MAX_ATTEMPTS: 'abc' })).toThrow('CORPHUB_WEBHOOK_MAX_ATTEMPTS must be a positive integer, got "abc"');
    expect(() => readWebhookConfig({ CORPHUB_WEBHOOK_TIMEOUT_MS: '-5' })).toThrow(/CORPHUB_WEBHOOK_TIMEOUT_MS/);
    expect(() => readWebhookConfig({ CORPHUB_WEBHOOKS_ALLOW_PRIVATE: 'maybe' })).toThrow(/CORPHUB_WEBHOOKS_ALLOW_PRIVATE must be true or false/);
    expect(() => readWebhookConfig({ CORPHUB_RETENTION_DAYS: '0' })).toThrow(/CORPHUB_RETENTION_DAYS/);
  });
});
