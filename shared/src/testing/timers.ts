/**
 * After seconds of direct ORM writes the event loop has not run its timers: the first request would reuse a
 * keep-alive socket that both ends have already timed out (ECONNRESET). One timer turn lets them close it.
 */
export function letTimersRun(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

/** Waits until `check()` holds, polling; fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
