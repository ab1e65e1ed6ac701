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
  extensions?: { code?: string } & Record<string, unknown>;
}

/**
 * An error the gateway answered, rethrown with its code and the rest of its extensions (e.g. a CONFLICT's
 * `approvalId`), so that the caller can act on them.
 */
export function gatewayError(error: GatewayError): GraphQLError {
  const { code, ...rest } = error.extensions ?? {};
  return new GraphQLError(`Via the gateway: ${error.message}`, { extensions: { ...rest, code: code ?? 'INTERNAL_SERVER_ERROR' } });
}

/** Whether an operation only reads (a query), so that sending it twice changes nothing. */
function isRead(query: string): boolean {
  return !/^\s*(mutation|subscription)\b/.test(query.replace(/^\s*#.*$/gm, ''));
}

const reasonOf = (cause: unknown) => (cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause));

/** The gateway could not be reached: the caller's answer says so precisely, not as an internal error. */
export function gatewayUnreachable(service: string, cause: unknown): GraphQLError {
  return errors.SUBGRAPH_UNAVAILABLE(`Subgraph "${service}" could not reach the gateway for data it needs (${reasonOf(cause)})`, { serviceName: service });
}

interface GraphQLResult<Data> {
  data?: Data | null;
  errors?: GatewayError[];
}

/** A GraphQL answer as it came: its data, every error (with their paths) and the HTTP status. */
export interface GatewayAnswer<Data> {
  data: Data | null;
  errors: GatewayError[];
  status: number;
}

/** How one GraphQL request goes to the gateway: where, as whom (a bearer token), and who is calling (for errors). */
export interface GatewayPost {
  url: string;
  token: string;
  /** Names the caller in SUBGRAPH_UNAVAILABLE (`serviceName`). */
  service: string;
  query: string;
  variables?: Record<string, unknown>;
  requestId?: string;
}

/**
 * POSTs one GraphQL request to the gateway. A read whose connection fails is sent once more on a fresh one (a
 * gateway replica that died leaves its kept-alive connections closed); a mutation is not (it may have been
 * applied). No answer, or a 5xx without a GraphQL answer (a proxy's error page), is SUBGRAPH_UNAVAILABLE.
 */
export async function postToGateway<Data>({ url, token, service, query, variables, requestId }: GatewayPost): Promise<GatewayAnswer<Data>> {
  const send = () =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  let response: Response;
  try {
    response = await send();
  } catch (unreachable) {
    if (!isRead(query)) throw gatewayUnreachable(service, unreachable);
    try {
      response = await send();
    } catch (again) {
      throw gatewayUnreachable(service, again);
    }
  }
  let result: GraphQLResult<Data>;
  try {
    result = (await response.json()) as GraphQLResult<Data>;
  } catch (unreadable) {
    if (response.status >= 500) throw gatewayUnreachable(service, new Error(`HTTP ${response.status}`));
    throw errors.INTERNAL_SERVER_ERROR(`The gateway answered HTTP ${response.status} without a GraphQL answer (${reasonOf(unreadable)})`);
  }
  return { data: result.data ?? null, errors: result.errors ?? [], status: response.status };
}

/** The data of an answer; its first error rethrown with its code. */
export function dataOf<Data>({ data, errors: failures, status }: GatewayAnswer<Data>): Data {
  if (failures.length) throw gatewayError(failures[0]);
  if (!data) throw errors.INTERNAL_SERVER_ERROR(`The gateway answered HTTP ${status} without data`);
  return data;
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

  /** Runs a query in one corp; any GraphQL error is rethrown with its code (and extensions). */
  async request<Data>(corpId: string, query: string, variables?: Record<string, unknown>, requestId?: string): Promise<Data> {
    return dataOf(await this.requestAll<Data>(corpId, query, variables, requestId));
  }

  /**
   * Runs a query in one corp and answers its data and every error (with their paths) as they came, for a
   * caller that needs to know which fields failed, e.g. which of several aliased lookups found nothing.
   */
  async requestAll<Data>(corpId: string, query: string, variables?: Record<string, unknown>, requestId?: string): Promise<GatewayAnswer<Data>> {
    return postToGateway<Data>({ url: this.options.gatewayUrl(), token: await this.token(corpId), service: this.options.service, query, variables, requestId });
  }
}
