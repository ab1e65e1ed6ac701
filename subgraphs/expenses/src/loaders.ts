import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import { claimLoaders } from './claims/claim.loaders';
import type { ExpensesServices } from './services';

/** One set per request: every entity and field fetch of expenses is batched through these. */
export function createLoaders(em: EntityManager, auth: AuthContext, services: ExpensesServices) {
  return { ...claimLoaders(em, auth, services) };
}

export type ExpensesLoaders = ReturnType<typeof createLoaders>;
