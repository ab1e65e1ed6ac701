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
    if (!('internalContext' in context) || !context.internalContext) return;
    request.http?.headers.set(CONTEXT_HEADER, await context.internalContext());
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}
