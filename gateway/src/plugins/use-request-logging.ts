import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@corphub/module-kit';
import type { GatewayContext } from '../context';
import { answeredOperation } from './use-metrics';

/**
 * One log line per GraphQL operation, under the request's logger (requestId, corpId, role): its name,
 * outcome, error codes and time. The HTTP line comes from `httpRequestLogger`; subgraphs log the same
 * requestId, which the gateway sends them in `x-request-id`. `logger` is the gateway's: when its level drops
 * the line, the request's child logger is never made (a visible share of a request's CPU under load).
 */
export function useRequestLogging(logger: Logger): ApolloServerPlugin<GatewayContext> {
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
          if (!logger.isLevelEnabled(level)) return;
          requestContext.contextValue.logger[level]({ operation, outcome, errors: codes.length ? codes : undefined, durationMs: Math.round(seconds * 1000) }, 'graphql operation');
        },
      };
    },
  };
}
