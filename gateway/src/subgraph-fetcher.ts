import { Agent } from 'undici';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { CONTEXT_HEADER } from '@corphub/shared';

/**
 * One keep-alive connection pool for every subgraph of a gateway (undici's Agent keeps a pool per origin).
 * Apollo's default fetcher (make-fetch-happen over agent-base) cost more CPU per subgraph call than the
 * rest of the gateway did: see the README's performance section.
 */
export function createSubgraphAgent(): Agent {
  return new Agent({
    // a subgraph call waits for its answer: keep idle sockets a while, enough for the next burst
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    // one request per socket at a time (no HTTP pipelining: a slow answer would hold back the next ones)
    pipelining: 1,
    connections: 256,
  });
}

export interface SubgraphFetcherOptions {
  agent: Agent;
  /** The whole call (connect, answer and body) must end within this many ms. */
  timeoutMs: number;
  /** Called when a request joins an identical one already in flight instead of being sent. */
  onShared?: () => void;
}

/** What a subgraph answered, read in full: shared between identical in-flight requests, never parsed twice into one object. */
interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/** A subgraph fetch plan node for a read: `query Name__subgraph__0 ...` or `{ ... }`, never `mutation`. */
const READ_OPERATION = /^\{"query":"(?:query\b|\{)/;

/**
 * The key under which two subgraph calls may share one answer: only a read, only with the same verified
 * context (the signed token names corp, role, person and app; the gateway signs one per caller identity, see
 * InternalContextSigner), the same subgraph and the same query and variables. No context, no sharing: the
 * gateway's own calls (health, schema) are always sent.
 */
export function sharingKey(url: string, init: FetcherRequestInit): string | undefined {
  const context = init.headers?.[CONTEXT_HEADER];
  const body = init.body;
  if (!context || typeof body !== 'string' || !READ_OPERATION.test(body)) return undefined;
  return `${url}\n${context}\n${body}`;
}

/**
 * A fetcher for Apollo's RemoteGraphQLDataSource on an undici Agent, within a deadline. Identical reads in
 * flight at once with the same verified context are sent once; each waiting request gets its own response
 * object over the shared text (the gateway merges into what it parses, so a parsed body is never shared).
 */
export function createSubgraphFetcher({ agent, timeoutMs, onShared }: SubgraphFetcherOptions): Fetcher {
  const inFlight = new Map<string, Promise<Answer>>();

  const send = async (url: string, init: FetcherRequestInit): Promise<Answer> => {
    const target = new URL(url);
    const response = await agent.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: init.method ?? 'POST',
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.body.text();
    const headers: [string, string][] = [];
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.push([name, one]);
    }
    return { status: response.statusCode, statusText: '', headers, body };
  };

  return async (url, init = {}) => {
    const key = sharingKey(url, init);
    if (!key) return new BufferedResponse(url, await send(url, init));
    let answer = inFlight.get(key);
    if (answer) {
      onShared?.();
    } else {
      answer = send(url, init).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    return new BufferedResponse(url, await answer);
  };
}

/** The fetch Response shape Apollo's data source reads, over a body already in memory. */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly status: number;
  readonly statusText: string;
  readonly headers: FetcherHeaders;
  bodyUsed = false;

  constructor(
    readonly url: string,
    private readonly answer: Answer,
  ) {
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.headers = new Headers(answer.headers);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  text(): Promise<string> {
    if (this.bodyUsed) return Promise.reject(new TypeError('Body has already been read'));
    this.bodyUsed = true;
    return Promise.resolve(this.answer.body);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.answer);
  }
}
