import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { answeredOperation } from './use-metrics';

/**
 * One log line per GraphQL operation, under the request's logger (requestId, corpId, role): its name,
 * outcome, error codes and time. The HTTP line comes from `httpRequestLogger`; subgraphs log the same
 * requestId, which the gateway sends them in `x-request-id`.
 */
export function useRequestLogging(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart(requestContext) {
      const startedAt = performance.now();
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse() {
          const { operation, outcome, codes, seconds } = answeredOperation(requestContext, executed, startedAt);
          const level = outcome === 'failed' ? 'warn' : 'info';
          requestContext.contextValue.logger[level]({ operation, outcome, errors: codes.length ? codes : undefined, durationMs: Math.round(seconds * 1000) }, 'graphql operation');
        },
      };
    },
  };
}
