import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { errors, READ_ONLY_ALLOWED_MUTATIONS, READ_ONLY_ROLES } from '@corphub/module-kit/core';
import type { GatewayContext } from '../context';

/**
 * Read-only roles (analysts) change nothing: their mutations are refused (FORBIDDEN, HTTP 403) here, before any
 * subgraph is asked, so a module that forgot to check the role on one of its mutations cannot be written through.
 * The one exception is a mutation made only of READ_ONLY_ALLOWED_MUTATIONS fields (recording an export they made).
 */
export function useReadOnlyRoles(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!READ_ONLY_ROLES.includes(contextValue.auth.role)) return;
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.MUTATION && !onlyAllowedFields(operation)) {
            throw errors.FORBIDDEN(`Role ${contextValue.auth.role} is read-only: mutations are refused`, { http: { status: 403 } });
          }
        },
      };
    },
  };
}

/** Every root selection a plain field on the allowed list (no fragment could slip another field in). */
function onlyAllowedFields(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && READ_ONLY_ALLOWED_MUTATIONS.has(selection.name.value));
}
