import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode } from 'graphql';
import type { CallerAccessResolver } from '../access';
import type { AccessNotices } from '../access-notices';
import type { GatewayContext } from '../context';

/** Root mutations that change which modules a corp has or whom an app sees. */
export const ACCESS_MUTATIONS: ReadonlySet<string> = new Set(['installApp', 'uninstallApp', 'updateInstallationScope']);

/**
 * Drops the caller corp's cached access as soon as one of those mutations ran through this gateway, and
 * looks it up again, before its answer is sent: the next request sees the change. Other replicas drop it
 * at once through a Redis notice (with REDIS_URL), otherwise within CORPHUB_ACCESS_CACHE_SECONDS.
 */
export function useAccessInvalidation(access: CallerAccessResolver, notices: AccessNotices): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          const touched = operation.selectionSet.selections.some((selection) => selection.kind === Kind.FIELD && ACCESS_MUTATIONS.has(selection.name.value));
          if (!touched) return;
          await notices.changed(contextValue.auth.corpId);
          // looked up again now, while the admin waits for the answer anyway, rather than in a later request
          await access.resolve(contextValue.auth).catch(() => undefined);
        },
      };
    },
  };
}
