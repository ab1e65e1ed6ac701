import http from 'node:http';
import { pipeline } from 'node:stream';
import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, requestIdFor, type Logger } from '@corphub/module-kit';
import { bearerToken, type CallerTokenVerifier } from '../auth/tokens';
import { subgraphContexts, type CallerAccessResolver } from '../access';
import type { InternalContextSigner } from '../context';

export interface SubgraphHttpOptions {
  /** The subgraph whose own HTTP routes these are (its definition's `routes`). */
  subgraph: string;
  verifier: CallerTokenVerifier;
  contexts: InternalContextSigner;
  access: CallerAccessResolver;
  /** The subgraph's GraphQL URL, once the gateway knows it (undefined when the supergraph has no such subgraph). */
  subgraphUrl: () => string | undefined;
  logger: Logger;
}

/** Request headers that describe this hop, not the request: never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'upgrade', 'host', 'authorization', CONTEXT_HEADER, REQUEST_ID_HEADER]);
const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'trailer', 'upgrade']);

function answer(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

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
    const target = options.subgraphUrl();
    if (!target) {
      answer(res, 404, 'NOT_FOUND', `This hub serves no ${options.subgraph} subgraph`);
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
        answer(res, status, code, error instanceof GraphQLError ? error.message : 'Token could not be verified');
        req.resume();
        return;
      }
    }

    const upstream = http.request(new URL(req.originalUrl, target), { method: req.method, headers });
    let answered = false;
    upstream.on('response', (response) => {
      answered = true;
      for (const [name, value] of Object.entries(response.headers)) if (!RESPONSE_HOP_BY_HOP.has(name) && value !== undefined) res.setHeader(name, value);
      res.status(response.statusCode ?? 502);
      pipeline(response, res, () => undefined);
      // an upload refused before it was read in full: stop taking the rest of it
      res.on('finish', () => {
        if (!req.complete) req.resume();
      });
    });
    upstream.on('error', (error) => {
      // a refusal may close the connection while the body is still being sent: the answer already came
      if (answered) return;
      options.logger.error({ err: error, requestId, subgraph: options.subgraph }, 'subgraph unreachable');
      if (!res.headersSent) answer(res, 502, 'BAD_GATEWAY', `The ${options.subgraph} subgraph is unreachable`);
      else res.destroy();
    });
    // streamed with backpressure; a client that goes away mid-upload aborts the upstream request too
    req.pipe(upstream);
    req.on('close', () => {
      if (!req.complete) upstream.destroy();
    });
  });
  return router;
}
