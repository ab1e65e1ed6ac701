import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import type { LogsServices } from './services';
import { workLogLoaders } from './work-logs/work-log.loaders';

/** One set per request: every fetch of the logs subgraph is batched through these. */
export function createLoaders(em: EntityManager, auth: AuthContext, services: LogsServices) {
  return { ...workLogLoaders(em, auth, services) };
}

export type LogsLoaders = ReturnType<typeof createLoaders>;
