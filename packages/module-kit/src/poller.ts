import type { Logger } from './logger';
import { readEnv, type RawEnv } from './env';

export interface Poller {
  /** Runs one round now (tests, and a caller that knows work just arrived); rounds never overlap. */
  poke(): Promise<void>;
  /** Stops polling and waits for a round in progress. */
  stop(): Promise<void>;
}

export interface PollerOptions {
  name: string;
  intervalMs: number;
  /** One round of work; returns true when there may be more right away (a full batch). */
  run: () => Promise<boolean>;
  logger: Logger;
}

/**
 * A background loop for outboxes and dispatchers: one round at a time, the next after `intervalMs`
 * (at once when the last round was full); a failing round is logged and retried next time.
 */
export function startPoller({ name, intervalMs, run, logger }: PollerOptions): Poller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  /** A round asked for but not started yet: more pokes join it instead of queueing rounds behind it. */
  let queued: Promise<void> | undefined;
  const round = (): Promise<void> => {
    if (queued) return queued;
    queued = current = current.then(async () => {
      queued = undefined;
      if (stopped) return;
      let more = false;
      try {
        more = await run();
      } catch (error) {
        logger.error({ err: error, poller: name }, 'background round failed');
      }
      schedule(more ? 0 : intervalMs);
    });
    return current;
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void round(), delay);
    timer.unref();
  };
  schedule(0);
  return {
    poke: round,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

/** Exponential backoff for a background loop's retries: `baseMs` after the first failure, doubling, at most `maxMs`. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** (attempts - 1), maxMs);
}

/**
 * The wait before the next attempt after `attempts` failed ones, on a fixed schedule (`scheduleMs[attempts - 1]`,
 * its last step repeating), spread by ±`jitter` (a fraction of the step) so that deliveries that failed together,
 * a receiver's outage say, are not all retried in the same second.
 */
export function scheduledRetryMs(attempts: number, scheduleMs: readonly number[], jitter: number, random: () => number = Math.random): number {
  const step = scheduleMs[Math.min(Math.max(attempts, 1), scheduleMs.length) - 1];
  return Math.round(step * (1 + jitter * (2 * random() - 1)));
}

/** `CORPHUB_OUTBOX_POLL_MS` (default 1000): how often a subgraph relays its outbox. */
export function outboxPollMs(env?: RawEnv): number {
  return readEnv(['CORPHUB_OUTBOX_POLL_MS'], env).CORPHUB_OUTBOX_POLL_MS;
}
