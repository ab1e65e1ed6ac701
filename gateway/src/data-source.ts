import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
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
}
