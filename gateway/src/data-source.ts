import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CONTEXT_HEADER, REQUEST_ID_HEADER } from '@corphub/shared';
import type { GatewayContext } from './context';

/**
 * Sends each subgraph the verified context (a short-lived token signed with the internal key) and the
 * request id. make-fetch-happen underneath keeps connections to subgraphs alive.
 */
export class VerifiedContextDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // the gateway's own health and schema fetches carry no caller
    const caller = context as Partial<GatewayContext>;
    if (!caller.internalContext || !caller.requestId) return;
    request.http?.headers.set(CONTEXT_HEADER, await caller.internalContext());
    request.http?.headers.set(REQUEST_ID_HEADER, caller.requestId);
  }

  /**
   * A subgraph answers 400 when it cannot accept a request the gateway passed on, typically a scalar value
   * only the subgraph parses (a malformed `LocalDate`): its own error and code are the caller's answer,
   * not an outage.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await this.parseBody(response.clone())) as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | string;
      const first = typeof body === 'object' ? body.errors?.[0] : undefined;
      if (typeof first?.message === 'string' && typeof first.extensions?.code === 'string') {
        return new GraphQLError(first.message, { extensions: { code: first.extensions.code } });
      }
    }
    return super.errorFromResponse(response);
  }
}
