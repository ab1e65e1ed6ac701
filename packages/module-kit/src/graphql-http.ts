import http, { type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { httpRequestLogger, type Logger } from './logger';

export interface GraphQLPostOptions<Context extends BaseContext> {
  /** The endpoint's path (`/graphql`); a query string after it is allowed. */
  path: string;
  /** Bodies over this many bytes are refused with 413 and `REQUEST_TOO_LARGE`, before they are parsed. */
  maxBodyBytes: number;
  context: (req: IncomingMessage) => Promise<Context>;
  /** Runs first, before the body is read (CORS headers); it may answer the request itself (then `res.writableEnded`). */
  before?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Told of each body refused for its size (metrics). */
  onRefused?: (limit: number) => void;
  /** Told of a failure outside Apollo Server's own error handling (writing the answer). */
  onError: (error: unknown) => void;
}

/** A request header as one string (Node joins a repeated header, but gives a few, such as set-cookie, as an array: the first). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The HTTP server in front of an Express app: logs each request (`httpRequestLogger`), offers it to the fast
 * paths added with `answerFirst` (`graphqlPostHandler`), and hands the rest to the app.
 */
export function createHttpServer(app: RequestListener, logger: Logger, options: http.ServerOptions = {}): { server: http.Server; answerFirst: (fastPath: FastPath) => void } {
  const logRequest = httpRequestLogger(logger);
  const fastPaths: FastPath[] = [];
  const server = http.createServer(options, (req, res) => {
    logRequest(req, res, () => undefined);
    for (const fastPath of fastPaths) if (fastPath(req, res)) return;
    app(req, res);
  });
  return { server, answerFirst: (fastPath) => fastPaths.push(fastPath) };
}

/** What the endpoint answers itself: JSON in UTF-8, not compressed. Anything else is left to the framework behind it. */
function isPlainJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  if (!type) return false;
  const [mediaType, ...parameters] = type.toLowerCase().split(';');
  if (mediaType.trim() !== 'application/json') return false;
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity') return false;
  return parameters.every((parameter) => {
    const [name, value] = parameter.split('=').map((part) => part.trim());
    return name !== 'charset' || value === 'utf-8' || value === 'utf8' || value === '"utf-8"';
  });
}

function answerError(res: ServerResponse, status: number, message: string, extensions: Record<string, unknown>, closeConnection = false): void {
  const body = JSON.stringify({ errors: [{ message, extensions }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  // the rest of an oversized body is not read: the connection cannot carry another request after it
  if (closeConnection) res.setHeader('connection', 'close');
  res.end(body);
}

/** Reads the body up to `limit` bytes: the text, or undefined after answering 413 (or when the client went away). */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number, onRefused?: (limit: number) => void): Promise<string | undefined> {
  const refuse = () => {
    onRefused?.(limit);
    answerError(res, 413, `Request body is larger than the limit of ${limit} bytes`, { code: 'REQUEST_TOO_LARGE', limit }, true);
  };
  if (Number(req.headers['content-length']) > limit) {
    refuse();
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      if (length < 0) return;
      length += chunk.length;
      if (length > limit) {
        length = -1;
        chunks.length = 0;
        refuse();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (length >= 0) resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    // 'close' before 'end': the client went away mid-body; nothing to answer
    req.on('close', () => resolve(undefined));
    req.on('error', () => resolve(undefined));
  });
}

async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * `POST /graphql` with a JSON body, answered on node:http straight into Apollo Server
 * (`executeHTTPGraphQLRequest`), ahead of Express. Returns false for any other request, which the caller hands
 * to its Express app (GET, CORS preflights, other routes, compressed or non-UTF-8 bodies: body-parser's cases).
 *
 * Why not Express for the hot path: its router, request initialisation, body-parser and response helpers (an
 * ETag hashed over every answer) were about a tenth of the gateway's CPU on a small query, more than its own code
 * (CPU profile in the README's performance section). What they did here is done below, the same way: the body
 * size limit (413 `REQUEST_TOO_LARGE`), a JSON body (400 `BAD_REQUEST` when it does not parse), Apollo's headers
 * and status, and a streamed body for incremental delivery.
 */
export function graphqlPostHandler<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  options: GraphQLPostOptions<Context>,
): FastPath {
  const { path, maxBodyBytes, context, before, onRefused, onError } = options;
  const handle = async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    before?.(req, res);
    if (res.writableEnded) return;
    const text = await readBody(req, res, maxBodyBytes, onRefused);
    if (text === undefined) return;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      answerError(res, 400, 'The request body is not valid JSON', { code: 'BAD_REQUEST' });
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search, body },
      context: () => context(req),
    });
    await writeResponse(res, response);
  };
  return (req, res) => {
    if (req.method !== 'POST' || !isPlainJson(req)) return false;
    const url = req.url ?? '';
    const queryAt = url.indexOf('?');
    if ((queryAt < 0 ? url : url.slice(0, queryAt)) !== path) return false;
    handle(req, res, queryAt < 0 ? '' : url.slice(queryAt)).catch((error: unknown) => {
      // executeHTTPGraphQLRequest answers its own errors: this is a failure to write, or a bug
      onError(error);
      if (!res.headersSent) answerError(res, 500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
      else res.destroy();
    });
    return true;
  };
}

/** Idle keep-alive connections outlive a load balancer's (60 s) and a busy client's reuse of them. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function listen(server: Server, port: number, host?: string): Promise<number> {
  // Node's 5 s default races clients that reuse an idle socket just as the server closes it ("other side closed")
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
