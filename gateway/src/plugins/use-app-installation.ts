import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { Role } from '@corphub/module-kit/core';
import type { GatewayContext } from '../context';
import { assertGrantLive, type CallerAccessResolver } from '../access';

/**
 * Root fields a vendor app uses for itself rather than for a corp's data: its own registry entries and its
 * settings. A vendor publishes its module before any corp installs it, so these answer in any corp its
 * token names; everything else needs the app installed there.
 */
export const APP_LEVEL_FIELDS: ReadonlySet<string> = new Set([
  'checkSubgraph',
  'publishSubgraph',
  'retireSubgraph',
  'moduleSubgraphs',
  'moduleSubgraph',
  'subgraphVersions',
  'updateApp',
  '__typename',
]);

/**
 * A vendor app sees only corps that installed it: an operation that reads or writes a corp's data is refused
 * (FORBIDDEN, HTTP 403) before any subgraph is asked, unless every root field is app-level.
 */
export function useAppInstallation(access?: CallerAccessResolver): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const appLevel = !!operation && operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && APP_LEVEL_FIELDS.has(selection.name.value));
          if (!appLevel) await contextValue.checkCaller();
          // app-level fields skip the installation, not the revocation of a replayed code's tokens
          else if (access && contextValue.auth.role === Role.VENDOR && contextValue.auth.grantId) assertGrantLive(contextValue.auth, await access.resolve(contextValue.auth));
        },
      };
    },
  };
}
