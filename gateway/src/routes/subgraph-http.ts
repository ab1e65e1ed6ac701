import http from 'node:http';
import net from 'node:net';
import { pipeline } from 'node:stream';
import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, requestIdFor } from '@corphub/module-kit/core';
import type { Logger } from '@corphub/module-kit';
import { bearerToken, type CallerTokenVerifier } from '../auth/tokens';
import { subgraphContexts, type CallerAccessResolver } from '../access';
import type { InternalContextSigner } from '../context';
import { malformedPathReason } from '../http';

export interface SubgraphHttpOptions {
  /** The subgraph whose own HTTP routes these are (its definition's `routes`). */
  subgraph: string;
  verifier: CallerTokenVerifier;
  contexts: InternalContextSigner;
  access: CallerAccessResolver;
  /** The subgraph's GraphQL URL, once the gateway knows it (undefined when the supergraph has no such subgraph). */
  subgraphUrl: () => string | undefined;
  logger: Logger;
  /** The largest body forwarded (CORPHUB_MAX_UPLOAD_BYTES): refused by its Content-Length before it is read, cut off while streaming. */
  maxBodyBytes: number;
}

/** Request headers that describe this hop, not the request: never forwarded (`expect`: the gateway answers it, continueAfterChecks). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'upgrade', 'host', 'authorization', 'expect', CONTEXT_HEADER, REQUEST_ID_HEADER]);
const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'trailer', 'upgrade']);

/** Requests whose `Expect: 100-continue` waits for the route's own checks (continueAfterChecks). */
const awaitingContinue = new WeakSet<http.IncomingMessage>();

/**
 * `Expect: 100-continue` on a subgraph route is answered once the route has checked the size and the caller, so
 * that the body of a refused upload is never sent; other routes get their 100 Continue at once, as node:http
 * gives it when nobody listens for 'checkContinue'.
 */
export function continueAfterChecks(server: http.Server, routes: readonly string[]): void {
  const prefixes = routes.map((route) => route.toLowerCase());
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
    // in any case, as Express matches app.use paths
    const path = (req.url ?? '/').split('?', 1)[0].toLowerCase();
    if (prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) awaitingContinue.add(req);
    else res.writeContinue();
    server.emit('request', req, res);
  });
}

/** How long the rest of a refused body is read and dropped before the connection is cut (nginx's lingering close). */
const DISCARD_MS = 30_000;
const discarding = new WeakSet<http.IncomingMessage>();

/**
 * After an answer that does not take the body (a refusal, or a subgraph's early answer): read the rest and drop
 * it, so that a client still sending reads the answer rather than a connection reset, for DISCARD_MS at most.
 */
function discardRest(req: Request): void {
  if (req.complete || awaitingContinue.has(req) || discarding.has(req)) return;
  discarding.add(req);
  const cutOff = setTimeout(() => req.socket.destroy(), DISCARD_MS).unref();
  req.once('close', () => clearTimeout(cutOff));
  // unpiped, a stream pauses: it is resumed after
  req.unpipe();
  req.resume();
}

function answer(req: Request, res: Response, status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  // a client still waiting for 100 Continue never sends the body: nothing more can come on this connection
  if (awaitingContinue.has(req)) res.setHeader('connection', 'close');
  res.status(status).json({ error: { code, message, ...details } });
}

/**
 * A connection to a subgraph on which an early answer survives the write error that follows it. A subgraph
 * that refuses an upload (its own 413) answers and closes while the body is still being sent; node's client
 * destroys the socket at the first EPIPE and loses the answer that is already on its way (nodejs/node#12339),
 * which the caller then saw as a 502. Here the rest of the body is dropped and reading goes on: the answer
 * arrives as 'response', and a subgraph that closed without one still ends in an error (502).
 */
class EarlyAnswerSocket extends net.Socket {
  private peerGone = false;

  private keepReading(callback: (error?: Error | null) => void) {
    return (error?: Error | null) => {
      const code = error && 'code' in error ? error.code : undefined;
      if (code === 'EPIPE' || code === 'ECONNRESET') {
        this.peerGone = true;
        callback();
      } else {
        callback(error);
      }
    };
  }

  override _write(chunk: unknown, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.peerGone) callback();
    else super._write(chunk, encoding, this.keepReading(callback));
  }

  override _writev(chunks: { chunk: unknown; encoding: BufferEncoding }[], callback: (error?: Error | null) => void): void {
    if (this.peerGone) callback();
    else super._writev!(chunks, this.keepReading(callback));
  }
}

const earlyAnswerConnection = (options: http.ClientRequestArgs) => new EarlyAnswerSocket().connect({ host: options.host ?? '127.0.0.1', port: Number(options.port ?? 80) });

/**
 * A subgraph's own HTTP routes at the gateway's host (the path prefixes its definition lists, and below): file
 * uploads and downloads, CSV exports, streamed to and from the subgraph (never buffered here). A caller with a bearer token is verified and forwarded with the
 * verified context, like GraphQL requests; a download without one is forwarded as is, for the
 * subgraph to check its signed-link parameters.
 */
export function subgraphHttpRoutes(options: SubgraphHttpOptions): Router {
  const router = express.Router();
  router.use(async (req: Request, res: Response) => {
    const requestId = requestIdFor(req);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const malformed = malformedPathReason(req.originalUrl);
    if (malformed) {
      answer(req, res, 400, 'BAD_USER_INPUT', malformed);
      return;
    }
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declared !== undefined && declared > options.maxBodyBytes) {
      answer(req, res, 413, 'PAYLOAD_TOO_LARGE', `The body may have at most ${options.maxBodyBytes} bytes; Content-Length says ${declared}`, { maxBytes: options.maxBodyBytes });
      discardRest(req);
      return;
    }
    const target = options.subgraphUrl();
    if (!target) {
      answer(req, res, 404, 'NOT_FOUND', `This hub serves no ${options.subgraph} subgraph`);
      return;
    }
    const headers: http.OutgoingHttpHeaders = { [REQUEST_ID_HEADER]: requestId };
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;

    const token = bearerToken(req.header('authorization'));
    const signedLink = (req.method === 'GET' || req.method === 'HEAD') && typeof req.query.sig === 'string';
    if (token || !signedLink) {
      try {
        const auth = await options.verifier.verify(token);
        const signer = subgraphContexts(auth, options.access, (context, subgraph) => options.contexts.sign(context, subgraph));
        await signer.checkCaller();
        headers[CONTEXT_HEADER] = await signer.forSubgraph(options.subgraph);
      } catch (error) {
        const code = error instanceof GraphQLError && typeof error.extensions.code === 'string' ? error.extensions.code : 'UNAUTHENTICATED';
        const status = code === 'FORBIDDEN' ? 403 : code === 'UNAUTHENTICATED' ? 401 : 502;
        answer(req, res, status, code, error instanceof GraphQLError ? error.message : 'Token could not be verified');
        discardRest(req);
        return;
      }
    }

    const hasBody = req.headers['transfer-encoding'] !== undefined || (declared ?? 0) > 0;
    const upstream = http.request(new URL(req.originalUrl, target), { method: req.method, headers, ...(hasBody ? { createConnection: earlyAnswerConnection } : {}) });
    let answered = false;
    let cutOff = false;
    upstream.on('response', (response) => {
      answered = true;
      for (const [name, value] of Object.entries(response.headers)) if (!RESPONSE_HOP_BY_HOP.has(name) && value !== undefined) res.setHeader(name, value);
      res.status(response.statusCode ?? 502);
      pipeline(response, res, () => undefined);
      res.on('finish', () => {
        if (req.complete) return;
        // answered before the whole body was sent (the subgraph's 413): the subgraph takes no more of it
        upstream.destroy();
        discardRest(req);
      });
    });
    upstream.on('error', (error) => {
      // a refusal may close the connection while the body is still being sent: the answer already came
      if (answered || cutOff) return;
      options.logger.error({ err: error, requestId, subgraph: options.subgraph }, 'subgraph unreachable');
      if (!res.headersSent) answer(req, res, 502, 'BAD_GATEWAY', `The ${options.subgraph} subgraph is unreachable`);
      else res.destroy();
    });
    if (declared === undefined) {
      // a body of unknown length (chunked) is counted as it passes
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received <= options.maxBodyBytes || cutOff) return;
        cutOff = true;
        upstream.destroy();
        if (!res.headersSent) answer(req, res, 413, 'PAYLOAD_TOO_LARGE', `The body may have at most ${options.maxBodyBytes} bytes`, { maxBytes: options.maxBodyBytes });
        discardRest(req);
      });
    }
    if (awaitingContinue.delete(req)) res.writeContinue();
    // streamed with backpressure; a client that goes away mid-upload aborts the upstream request too
    req.pipe(upstream);
    req.on('close', () => {
      if (!req.complete) upstream.destroy();
    });
  });
  return router;
}
