import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { errors, READ_ONLY_ROLES } from '@corphub/module-kit/core';
import type { GatewayContext } from '../context';

/**
 * Read-only roles (analysts) change nothing: their mutations are refused (FORBIDDEN, HTTP 403) here, before any
 * subgraph is asked, so a module that forgot to check the role on one of its mutations cannot be written through.
 */
export function useReadOnlyRoles(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!READ_ONLY_ROLES.includes(contextValue.auth.role)) return;
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.MUTATION) {
            throw errors.FORBIDDEN(`Role ${contextValue.auth.role} is read-only: mutations are refused`, { http: { status: 403 } });
          }
        },
      };
    },
  };
}
