import type { ApolloServerPlugin } from '@apollo/server';
import { errors, Role } from '@corphub/module-kit/core';
import { BREAK, visit, type DocumentNode } from 'graphql';
import type { GatewayContext } from '../context';

/** Roles that explore the graph (GraphiQL's docs need introspection). */
export const INTROSPECTION_ROLES: readonly Role[] = [Role.ADMIN, Role.DEPARTMENT_ADMIN, Role.FINANCE, Role.ANALYST, Role.PLATFORM];

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * In production, introspection (`__schema`, `__type`) is for admin, analyst and platform tokens only,
 * and other roles get no "Did you mean …" field suggestions either (they would leak the schema).
 */
export function useIntrospectionPolicy(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (INTROSPECTION_ROLES.includes(contextValue.auth.role)) return;
      return {
        async didResolveOperation({ document }) {
          if (introspects(document)) {
            throw errors.FORBIDDEN(`Introspection is allowed for ${INTROSPECTION_ROLES.join(', ')} tokens only`, { http: { status: 403 } });
          }
        },
        async didEncounterErrors({ errors: found }) {
          for (const error of found) error.message = error.message.replace(/ ?Did you mean .+\?$/, '');
        },
      };
    },
  };
}
