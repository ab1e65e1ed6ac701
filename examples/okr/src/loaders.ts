import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import { objectiveLoaders } from './objectives/objective.loaders';
import { keyResultLoaders } from './key-results/key-result.loaders';
import type { OkrServices } from './services';

/** One set per request: every to-many field and reference of this module is batched through these. */
export function createLoaders(em: EntityManager, auth: AuthContext, services: OkrServices) {
  return { ...objectiveLoaders(em, auth, services), ...keyResultLoaders(em, auth, services) };
}

export type OkrLoaders = ReturnType<typeof createLoaders>;
