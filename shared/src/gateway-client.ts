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

interface GraphQLResult<Data> {
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } }[];
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
    const response = await fetch(this.options.gatewayUrl(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await this.token(corpId)}`,
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as GraphQLResult<Data>;
    if (result.errors?.length) {
      const [first] = result.errors;
      throw new GraphQLError(`Via the gateway: ${first.message}`, { extensions: { code: first.extensions?.code ?? 'INTERNAL_SERVER_ERROR' } });
    }
    if (!result.data) throw errors.INTERNAL_SERVER_ERROR(`The gateway answered HTTP ${response.status} without data`);
    return result.data;
  }
}
