import { GraphQLError } from 'graphql';
import { SERVICE_TOKEN_LIFETIME_MS, signServiceToken } from './auth';
import { errors } from './errors';

export interface GatewayClientOptions {
  /** The calling subgraph, e.g. `expenses` (the token's subject is `service:<name>`). */
  service: string;
  /** The gateway's GraphQL endpoint; a function because the hub starts its gateway after its subgraphs. */
  gatewayUrl: () => string;
  internalSecret: string;
  /** The module's app, when the calling subgraph is an installed app's. */
  appId?: string;
}

/** An error of a GraphQL answer, with the path of the field that failed. */
export interface GatewayError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

/** An error the gateway answered, rethrown with its code. */
export function gatewayError(error: GatewayError): GraphQLError {
  return new GraphQLError(`Via the gateway: ${error.message}`, { extensions: { code: error.extensions?.code ?? 'INTERNAL_SERVER_ERROR' } });
}

/** Whether an operation only reads (a query), so that sending it twice changes nothing. */
function isRead(query: string): boolean {
  return !/^\s*(mutation|subscription)\b/.test(query.replace(/^\s*#.*$/gm, ''));
}

/** The gateway could not be reached: the caller's answer says so precisely, not as an internal error. */
function gatewayUnreachable(service: string, cause: unknown): GraphQLError {
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return errors.SUBGRAPH_UNAVAILABLE(`Subgraph "${service}" could not reach the gateway for data it needs (${reason})`, { serviceName: service });
}

interface GraphQLResult<Data> {
  data?: Data | null;
  errors?: GatewayError[];
}

/**
 * How a module reads data it does not own: through the graph, like any vendor's module, with a service
 * token for the caller's corp — never by reading another subgraph's tables.
 */
export class GatewayClient {
  private readonly tokens = new Map<string, { token: Promise<string>; renewAt: number }>();

  constructor(private readonly options: GatewayClientOptions) {}

  private token(corpId: string): Promise<string> {
    const cached = this.tokens.get(corpId);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    const token = signServiceToken({ name: this.options.service, corpId, appId: this.options.appId }, this.options.internalSecret);
    // renewed at half its lifetime, so a token in flight never expires on the way
    this.tokens.set(corpId, { token, renewAt: Date.now() + SERVICE_TOKEN_LIFETIME_MS / 2 });
    return token;
  }

  /** Runs a query in one corp; any GraphQL error is rethrown with its code. */
  async request<Data>(corpId: string, query: string, variables?: Record<string, unknown>, requestId?: string): Promise<Data> {
    const { data, errors: failures, status } = await this.requestAll<Data>(corpId, query, variables, requestId);
    if (failures.length) throw gatewayError(failures[0]);
    if (!data) throw errors.INTERNAL_SERVER_ERROR(`The gateway answered HTTP ${status} without data`);
    return data;
  }

  /**
   * Runs a query in one corp and answers its data and every error (with their paths) as they came, for a
   * caller that needs to know which fields failed, e.g. which of several aliased lookups found nothing.
   */
  async requestAll<Data>(
    corpId: string,
    query: string,
    variables?: Record<string, unknown>,
    requestId?: string,
  ): Promise<{ data: Data | null; errors: GatewayError[]; status: number }> {
    const send = async () =>
      fetch(this.options.gatewayUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await this.token(corpId)}`,
          ...(requestId ? { 'x-request-id': requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    let response: Response;
    try {
      response = await send();
    } catch (unreachable) {
      // A gateway replica that died leaves its kept-alive connections closed; a read is safe to send again on a
      // fresh one, a mutation is not (it may have been applied).
      if (!isRead(query)) throw gatewayUnreachable(this.options.service, unreachable);
      try {
        response = await send();
      } catch (again) {
        throw gatewayUnreachable(this.options.service, again);
      }
    }
    const result = (await response.json()) as GraphQLResult<Data>;
    return { data: result.data ?? null, errors: result.errors ?? [], status: response.status };
  }
}
