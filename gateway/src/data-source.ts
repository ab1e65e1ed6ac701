import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CONTEXT_HEADER, errors, REQUEST_ID_HEADER } from '@corphub/module-kit/core';
import type { Logger } from '@corphub/module-kit';
import { GraphQLError } from 'graphql';
import type { Agent } from 'undici';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './plugins/use-metrics';
import { createSubgraphFetcher } from './subgraph-fetcher';
import { traceHeaders } from './tracing';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** The whole fetch (connect, answer and body) must end within this many ms. */
  timeoutMs: number;
  metrics: GatewayMetrics;
  logger: Logger;
  /** The gateway's keep-alive connection pool (createSubgraphAgent). */
  agent: Agent;
  /** Most reads of one caller and query sent in one batch (1: none). */
  batchSize: number;
}

/** What a subgraph call answers the query plan (@apollo/server-gateway-interface's GatewayGraphQLResponse). */
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Calls one subgraph: sends it the verified context (a short-lived token signed with the internal
 * key) and the request id, within a deadline, over the gateway's keep-alive undici pool; identical reads
 * in flight with the same verified context are sent once, and a caller's reads of one query travel in
 * batches (subgraph-fetcher.ts). A subgraph that is down, failing or too slow becomes one error that names it
 * (SUBGRAPH_UNAVAILABLE or SUBGRAPH_TIMEOUT): the gateway still answers with the other subgraphs' data.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.options = options;
    this.fetcher = createSubgraphFetcher({
      agent: options.agent,
      timeoutMs: options.timeoutMs,
      onShared: () => options.metrics.subgraphFetchesShared.inc({ subgraph: options.name }),
      batchSize: options.batchSize,
      onBatched: (size) => options.metrics.subgraphFetchesBatched.inc({ subgraph: options.name }, size),
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    for (const [name, value] of Object.entries(await this.callerHeaders(context))) request.http?.headers.set(name, value);
  }

  /**
   * The verified context and request id (the gateway's own health and schema fetches carry no caller), and the
   * W3C trace context (tracing.ts).
   */
  private async callerHeaders(context: Partial<GatewayContext>): Promise<Record<string, string>> {
    const trace = traceHeaders(context.traceHeaders);
    if (!context.internalContext || !context.requestId) return trace;
    return { ...trace, [CONTEXT_HEADER]: await context.internalContext(this.options.name), [REQUEST_ID_HEADER]: context.requestId };
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { name, metrics } = this.options;
    const stopTimer = metrics.subgraphFetchSeconds.startTimer({ subgraph: name });
    try {
      const response = 'incomingRequestContext' in options ? await this.sendOperation(options) : await super.process(options);
      stopTimer({ outcome: response.errors?.length ? 'errors' : 'ok' });
      return response;
    } catch (error) {
      const refused = this.asSubgraphError(error, options.context as Partial<GatewayContext>);
      const code = refused.extensions.code as string;
      stopTimer({ outcome: code === 'SUBGRAPH_TIMEOUT' ? 'timeout' : 'failed' });
      metrics.subgraphErrors.inc({ subgraph: name, code });
      throw refused;
    }
  }

  /**
   * A fetch of a query plan, sent as RemoteGraphQLDataSource.process sends it (the same JSON body, headers and
   * error handling, through `this.fetcher`) without what it makes per call and nothing here reads: node-fetch
   * Headers and Request objects, a URL parse, and the subgraph's cache-control header parsed into a cache
   * policy (no field has a cache hint). Together about 3% of the gateway's CPU on a small query.
   */
  private async sendOperation({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { http, ...operation } = request;
    if (!operation.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    // a query plan's own headers (Apollo's trace request, when usage reporting is on)
    if (http) for (const [name, value] of http.headers) headers[name] = value;
    Object.assign(headers, { 'content-type': 'application/json' }, await this.callerHeaders(context));
    const response = await this.fetcher(this.options.url, { method: 'POST', headers, body: JSON.stringify(operation) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const body: unknown = await this.parseBody(response);
    if (typeof body !== 'object' || body === null) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    return { ...(body as SubgraphResponse), http: response };
  }

  /** Non-2xx answers: the subgraph's own auth errors keep their code; the rest say the subgraph failed. */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = (await this.parseBody(response).catch(() => undefined)) as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | string | undefined;
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    const relayed = typeof first?.message === 'string' ? first.message : undefined;
    // a 400 is a request the subgraph could not accept (a scalar only it parses, e.g. a malformed
    // LocalDate): its own error and code are the caller's answer, not an outage
    if (response.status === 400 && relayed && typeof first?.extensions?.code === 'string') {
      return new GraphQLError(relayed, { extensions: { code: first.extensions.code, serviceName: this.options.name } });
    }
    if (response.status === 401) return errors.UNAUTHENTICATED(relayed ?? 'Subgraph refused the verified context', { serviceName: this.options.name });
    if (response.status === 403) return errors.FORBIDDEN(relayed ?? 'Forbidden', { serviceName: this.options.name });
    return new SubgraphHttpError(response.status);
  }

  private asSubgraphError(error: unknown, context: Partial<GatewayContext>): GraphQLError {
    const { name, timeoutMs } = this.options;
    const logger = context.logger ?? this.options.logger;
    if (error instanceof GraphQLError && error.extensions.code) return error;
    const failure = error as { name?: string; type?: string; code?: string; message?: string };
    if (failure?.name === 'AbortError' || failure?.name === 'TimeoutError' || failure?.type === 'aborted' || failure?.type === 'request-timeout') {
      logger.warn({ subgraph: name, timeoutMs }, 'subgraph timed out');
      return errors.SUBGRAPH_TIMEOUT(`Subgraph "${name}" did not answer within ${timeoutMs} ms`, { serviceName: name });
    }
    logger.warn({ subgraph: name, reason: failure?.code ?? failure?.message }, 'subgraph unavailable');
    return errors.SUBGRAPH_UNAVAILABLE(`Subgraph "${name}" is unavailable`, { serviceName: name });
  }
}

/** A subgraph answered with an HTTP error status: reported as unavailable, its body stays in the log. */
class SubgraphHttpError extends GraphQLError {
  constructor(status: number) {
    super(`HTTP ${status}`);
  }
}
