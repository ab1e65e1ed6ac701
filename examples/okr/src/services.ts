import type { CreateServerOptions } from '@corphub/module-kit';

/**
 * Per-process services, built once at start and handed to every request as `ctx.services` (a graph client,
 * a notifier...). This module needs none yet.
 */
export type OkrServices = Record<string, never>;

export function createServices(_options: CreateServerOptions): OkrServices {
  return {};
}
