import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import { approvalLoaders } from './approvals/approval.loaders';

/** One set per request: every entity and field fetch of approvals is batched through these. */
export function createLoaders(em: EntityManager, auth: AuthContext) {
  return { ...approvalLoaders(em, auth) };
}

export type ApprovalsLoaders = ReturnType<typeof createLoaders>;
