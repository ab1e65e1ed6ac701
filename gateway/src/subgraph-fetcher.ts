import { Agent } from 'undici';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { CONTEXT_HEADER, ENV_SCHEMA } from '@corphub/module-kit/core';

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
  /** Most reads sent together in one batch (see ReadBatches); 1 sends every read on its own. */
  batchSize?: number;
  /** Called with the size of each batch of two or more reads that the subgraph answered as one. */
  onBatched?: (size: number) => void;
}

/** Reads one batch holds by default (CORPHUB_SUBGRAPH_BATCH_SIZE). */
export const DEFAULT_BATCH_SIZE = ENV_SCHEMA.CORPHUB_SUBGRAPH_BATCH_SIZE.default;

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
 * context (the signed token names corp, role, person and app; the gateway signs one per set of caller's claims, see
 * InternalContextSigner), the same subgraph and the same query and variables. No context, no sharing: the
 * gateway's own calls (health, schema) are always sent.
 */
export function sharingKey(url: string, init: FetcherRequestInit): string | undefined {
  const read = callerRead(init);
  return read && `${url}\n${read.context}\n${read.body}`;
}

/** A read sent for a caller: its verified context and JSON body. Undefined for writes and the gateway's own calls. */
function callerRead(init: FetcherRequestInit): { context: string; body: string } | undefined {
  const context = init.headers?.[CONTEXT_HEADER];
  const body = init.body;
  return context && typeof body === 'string' && READ_OPERATION.test(body) ? { context, body } : undefined;
}

/** The query of a read's JSON body, still JSON-quoted (`{"query":"<this>",...`), read without parsing the body. */
function quotedQuery(body: string): string {
  const start = '{"query":'.length;
  for (let at = start + 1; at < body.length; at++) {
    if (body[at] === '\\') at++;
    else if (body[at] === '"') return body.slice(start, at + 1);
  }
  return body;
}

/**
 * The key under which reads may travel in one batch: the same subgraph, the same verified context and the
 * same query, with any variables. Like `sharingKey`, only reads with a caller.
 */
export function batchingKey(url: string, init: FetcherRequestInit): string | undefined {
  const read = callerRead(init);
  return read && `${url}\n${read.context}\n${quotedQuery(read.body)}`;
}

/** Batches in flight per key: a read that finds this many waits and joins the next one. */
const BATCHES_IN_FLIGHT = 2;
/** A batch's body stays well under a subgraph's request limit (1 MiB) even with large entity fetches. */
const MAX_BATCH_BYTES = 256 * 1024;

interface QueuedRead {
  init: FetcherRequestInit;
  body: string;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

interface ReadQueue {
  waiting: QueuedRead[];
  inFlight: number;
  scheduled: boolean;
}

/**
 * Reads of one caller that differ only in their variables (a page after each of many cursors), sent to a
 * subgraph as one HTTP batch (a JSON array, which Apollo Server runs side by side under one verified context
 * and one entity manager). The subgraph parses, verifies and answers one request instead of many, and its
 * loaders serve every read of the batch (the corp of 10 pages is read once).
 *
 * Nothing waits for a batch to fill: a read is sent at once (with whatever else arrived in the same turn of
 * the event loop) while fewer than BATCHES_IN_FLIGHT batches of its key are in flight; otherwise it joins the
 * next batch, sent as soon as one comes back. So a lone read is never delayed, and a busy caller's reads
 * gather into batches. Reads are never batched across verified contexts, so no caller's request runs with
 * another's.
 *
 * A batch refused with 400 or 413 (an operation the subgraph refused, a subgraph without batching), or answered
 * with status 200 but not with an array of as many results, is sent again one read at a time, so each gets the
 * answer it would have had alone; a subgraph that says it has no batching is not sent batches again. Any other
 * status (a failing subgraph, a refused caller) is every read's answer, as it would have been alone.
 */
class ReadBatches {
  private readonly queues = new Map<string, ReadQueue>();
  private readonly unbatched = new Set<string>();

  constructor(
    private readonly send: (url: string, init: FetcherRequestInit) => Promise<Answer>,
    private readonly size: number,
    private readonly onBatched?: (size: number) => void,
  ) {}

  /** The read's answer, sent in a batch; undefined when this read is not one to batch. */
  add(url: string, init: FetcherRequestInit): Promise<Answer> | undefined {
    const key = this.size > 1 && !this.unbatched.has(url) ? batchingKey(url, init) : undefined;
    if (!key) return undefined;
    const body = init.body as string;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = { waiting: [], inFlight: 0, scheduled: false }));
    const answer = new Promise<Answer>((resolve, reject) => queue.waiting.push({ init, body, resolve, reject }));
    if (!queue.scheduled && queue.inFlight < BATCHES_IN_FLIGHT) {
      queue.scheduled = true;
      // what else arrives in this turn of the event loop goes in the same batch
      setImmediate(() => {
        queue.scheduled = false;
        this.flush(url, key, queue);
      });
    }
    return answer;
  }

  private flush(url: string, key: string, queue: ReadQueue): void {
    while (queue.waiting.length > 0 && queue.inFlight < BATCHES_IN_FLIGHT) {
      const batch = queue.waiting.splice(0, this.countNext(queue.waiting));
      queue.inFlight++;
      void this.sendBatch(url, batch).finally(() => {
        queue.inFlight--;
        this.flush(url, key, queue);
        if (queue.inFlight === 0 && !queue.scheduled && queue.waiting.length === 0 && this.queues.get(key) === queue) this.queues.delete(key);
      });
    }
  }

  /** How many of the waiting reads the next batch takes: at most `size`, within MAX_BATCH_BYTES, at least one. */
  private countNext(waiting: QueuedRead[]): number {
    let count = 1;
    let bytes = waiting[0].body.length;
    while (count < Math.min(this.size, waiting.length) && bytes + waiting[count].body.length <= MAX_BATCH_BYTES) bytes += waiting[count++].body.length;
    return count;
  }

  private async sendBatch(url: string, batch: QueuedRead[]): Promise<void> {
    const alone = (read: QueuedRead) => this.send(url, read.init).then(read.resolve, read.reject);
    if (batch.length === 1) return alone(batch[0]);
    let answer: Answer;
    try {
      // the first read's headers: the same verified context for all (the key), and its request id
      answer = await this.send(url, { ...batch[0].init, body: `[${batch.map((read) => read.body).join(',')}]` });
    } catch (error) {
      batch.forEach((read) => read.reject(error));
      return;
    }
    const results = answer.status === 200 ? parseArray(answer.body, batch.length) : undefined;
    if (results) {
      this.onBatched?.(batch.length);
      batch.forEach((read, index) => read.resolve({ ...answer, body: JSON.stringify(results[index]) }));
      return;
    }
    // refused for what one read asked (400, or too large), or not understood: each read alone gets its own answer
    if (answer.status === 200 || answer.status === 400 || answer.status === 413) {
      if (answer.status === 200 || /batching/i.test(answer.body)) this.unbatched.add(url);
      await Promise.all(batch.map(alone));
      return;
    }
    // the subgraph failing (5xx) or refusing the caller (401, 403) would answer each read alone the same:
    // not sent again, which would multiply the load on a subgraph in trouble
    batch.forEach((read) => read.resolve(answer));
  }
}

/** A JSON array of exactly `length` items, or undefined. */
function parseArray(text: string, length: number): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.length === length ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A fetcher for Apollo's RemoteGraphQLDataSource on an undici Agent, within a deadline. Identical reads in
 * flight at once with the same verified context are sent once; each waiting request gets its own response
 * object over the shared text (the gateway merges into what it parses, so a parsed body is never shared).
 * Other reads of the same caller and query travel in batches (ReadBatches).
 */
export function createSubgraphFetcher({ agent, timeoutMs, onShared, batchSize = DEFAULT_BATCH_SIZE, onBatched }: SubgraphFetcherOptions): Fetcher {
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
  const batches = new ReadBatches(send, batchSize, onBatched);

  return async (url, init = {}) => {
    const key = sharingKey(url, init);
    if (!key) return new BufferedResponse(url, await send(url, init));
    let answer = inFlight.get(key);
    if (answer) {
      onShared?.();
    } else {
      answer = (batches.add(url, init) ?? send(url, init)).finally(() => inFlight.delete(key));
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
