/**
 * After seconds of direct ORM writes the event loop has not run its timers: the first request would reuse a
 * keep-alive socket that both ends have already timed out (ECONNRESET). One timer turn lets them close it.
 */
export function letTimersRun(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
