import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import type { MessagesServices } from './services';
import { messageLoaders } from './messages/message.loaders';

/** One set per request: every fetch of the messages subgraph is batched through these. */
export function createLoaders(em: EntityManager, auth: AuthContext, _services: MessagesServices) {
  return { ...messageLoaders(em, auth) };
}

export type MessagesLoaders = ReturnType<typeof createLoaders>;
