import { errors } from './errors';
import { dataOf, gatewayUnreachable, postToGateway, type GatewayAnswer } from './gateway-client';

export interface AppGraphClientOptions {
  /** The app's id (its OAuth client_id): a vendor module's name. */
  appId: string;
  /** The app secret `registerApp` answered (CORPHUB_APP_SECRET); unset, every request is NOT_CONFIGURED. */
  appSecret: string | undefined;
  /** The gateway's GraphQL endpoint, e.g. `https://hub.example.com/graphql` (CORPHUB_GATEWAY_URL). */
  gatewayUrl: () => string;
  /** The hub's token endpoint; default: `oauth/token` beside the GraphQL endpoint. */
  tokenUrl?: () => string;
}

/** A token is renewed this long before it expires (or at half its lifetime, if that is shorter), so none expires in flight. */
const RENEW_BEFORE_MS = 60_000;

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded. */
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

/**
 * How a vendor's module calls the hub's graph as its app: an OAuth client-credentials token per corp from the
 * hub's `/oauth/token` (HTTP Basic app id and secret, the corp as `corp_id`), kept until shortly before it
 * expires, sent with each request to the gateway. A request answered 401 (a token the hub no longer accepts)
 * gets a new token and is sent once more. Hand it to `ApprovalsClient`, or call `request` for any query.
 *
 * Refusals: a wrong or missing secret (`invalid_client`) is NOT_CONFIGURED, an app the corp has not installed
 * (`unauthorized_client`) FORBIDDEN, a hub that cannot be reached (or answers 5xx) SUBGRAPH_UNAVAILABLE.
 */
export class AppGraphClient {
  private readonly tokens = new Map<string, { token: Promise<string>; renewAt: number }>();

  constructor(private readonly options: AppGraphClientOptions) {}

  private tokenUrl(): string {
    return this.options.tokenUrl?.() ?? new URL('oauth/token', this.options.gatewayUrl()).href;
  }

  private token(corpId: string): Promise<string> {
    const cached = this.tokens.get(corpId);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    // callers in the meantime share the one token request; a failed one is forgotten, so the next call asks again
    const entry = { token: Promise.resolve(''), renewAt: Infinity };
    entry.token = this.fetchToken(corpId).then(
      ({ token, renewAt }) => {
        entry.renewAt = renewAt;
        return token;
      },
      (error: unknown) => {
        if (this.tokens.get(corpId) === entry) this.tokens.delete(corpId);
        throw error;
      },
    );
    this.tokens.set(corpId, entry);
    return entry.token;
  }

  private async fetchToken(corpId: string): Promise<{ token: string; renewAt: number }> {
    const { appId, appSecret } = this.options;
    if (!appSecret) throw errors.NOT_CONFIGURED(`Module "${appId}" has no app secret (CORPHUB_APP_SECRET): it cannot call the hub`);
    const sentAt = Date.now();
    let response: Response;
    try {
      response = await fetch(this.tokenUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${formEncode(appId)}:${formEncode(appSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', corp_id: corpId }).toString(),
      });
    } catch (unreachable) {
      throw gatewayUnreachable(appId, unreachable);
    }
    const answer = (await response.json().catch(() => ({}))) as TokenAnswer;
    if (response.ok && answer.access_token) {
      const lifetimeMs = (answer.expires_in ?? 0) * 1000;
      return { token: answer.access_token, renewAt: sentAt + lifetimeMs - Math.min(RENEW_BEFORE_MS, lifetimeMs / 2) };
    }
    const why = `${answer.error ?? `HTTP ${response.status}`}${answer.error_description ? `: ${answer.error_description}` : ''}`;
    if (answer.error === 'invalid_client') throw errors.NOT_CONFIGURED(`The hub refused module "${appId}"'s app credentials (${why}): check CORPHUB_APP_SECRET`);
    if (answer.error === 'unauthorized_client') throw errors.FORBIDDEN(`App "${appId}" may not act in corp "${corpId}" (${why})`, { corpId });
    if (response.status >= 500) throw gatewayUnreachable(appId, new Error(`the token endpoint answered ${why}`));
    throw errors.INTERNAL_SERVER_ERROR(`The hub's token endpoint refused module "${appId}" (${why})`);
  }

  /** Runs a query in one corp as the app; any GraphQL error is rethrown with its code and extensions. */
  async request<Data>(corpId: string, query: string, variables?: Record<string, unknown>, requestId?: string): Promise<Data> {
    return dataOf(await this.requestAll<Data>(corpId, query, variables, requestId));
  }

  /** Runs a query in one corp as the app and answers its data and every error as they came. */
  async requestAll<Data>(corpId: string, query: string, variables?: Record<string, unknown>, requestId?: string): Promise<GatewayAnswer<Data>> {
    const post = async () => postToGateway<Data>({ url: this.options.gatewayUrl(), token: await this.token(corpId), service: this.options.appId, query, variables, requestId });
    const answer = await post();
    if (answer.status !== 401) return answer;
    // the gateway refused the token before running anything (expired, keys rotated): a new one, and once more
    this.tokens.delete(corpId);
    return post();
  }
}
