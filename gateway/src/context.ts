import type { IncomingMessage } from 'node:http';
import { LRUCache } from 'lru-cache';
import { incomingTraceHeaders, requestIdFor, withRequestLogger, subgraphAudience, VerifiedTokens, type AuthContext, type Logger } from '@corphub/module-kit/core';
import { bearerToken, type CallerTokenVerifier, type ContextSigningKey } from './auth/tokens';
import { subgraphContexts, type CallerAccessResolver } from './access';

export interface GatewayContext {
  auth: AuthContext;
  requestId: string;
  logger: Logger;
  /**
   * The verified context for one subgraph: with the corp's installed modules for module subgraphs, and a scoped
   * app's UnionIDs for vendor apps; one signed token per set of caller's claims, reused while it has time left.
   */
  internalContext: (subgraph: string) => Promise<string>;
  /** Vendor apps: refused (FORBIDDEN, HTTP 403) unless their app is installed in the token's corp (useAppInstallation). */
  checkCaller: () => Promise<void>;
  /** The caller's W3C `traceparent` and `tracestate`, passed on to subgraphs when the gateway itself does not trace. */
  traceHeaders?: Record<string, string>;
}

/** A signed verified context lives 60 s (shared/auth.ts); it is handed out for its first half only. */
const REUSE_MS = 30_000;

/**
 * Signs the verified context once per set of caller's claims (subject, corp, role, person, app, and the modules and
 * scope the gateway added) and subgraph (each subgraph accepts only its own audience), and reuses the token
 * while at least half its lifetime is left, instead of signing on every request. Two callers share a token
 * only when every one of those facts is the same, so it says nothing about anyone but them; two requests of
 * one caller to one subgraph carry the same token, so the subgraph fetcher can share their identical reads.
 */
export class InternalContextSigner {
  private readonly tokens = new LRUCache<string, Promise<string>>({ max: 10_000, ttl: REUSE_MS });
  /** A caller's claims as a cache key, made once per context object (a scope may list thousands of UnionIDs). */
  private readonly claimKeys = new WeakMap<AuthContext, string>();

  constructor(private readonly key: ContextSigningKey) {}

  sign(auth: AuthContext, subgraph: string): Promise<string> {
    let claims = this.claimKeys.get(auth);
    if (claims === undefined) {
      claims = JSON.stringify([auth.subject, auth.corpId, auth.role, auth.unionId ?? null, auth.appId ?? null, auth.modules ?? null, auth.scope ?? null, auth.department ?? null]);
      this.claimKeys.set(auth, claims);
    }
    const key = `${subgraph}\n${claims}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = this.key.sign(auth, subgraphAudience(subgraph));
      this.tokens.set(key, token);
      token.catch(() => this.tokens.delete(key));
    }
    return token;
  }
}

/** How long a verified caller token is taken as verified without checking it again (never past its expiry). */
const VERIFIED_FOR_MS = 60_000;

/**
 * Remembers caller tokens that verified, by their exact text, until they expire (at most a minute): checking a
 * client's token on each of its requests was a visible share of the gateway's CPU (see VerifiedTokens).
 */
export class VerifiedCallers {
  private readonly verified = new VerifiedTokens<AuthContext>(10_000, VERIFIED_FOR_MS);

  constructor(private readonly verifier: CallerTokenVerifier) {}

  verify(token: string | undefined): Promise<AuthContext> {
    return this.verified.verify(token, (text) => this.verifier.verify(text));
  }
}

export function contextFactory(verifier: CallerTokenVerifier, signer: InternalContextSigner, logger: Logger, access: CallerAccessResolver) {
  const callers = new VerifiedCallers(verifier);
  return async (req: IncomingMessage): Promise<GatewayContext> => {
    const requestId = requestIdFor(req);
    const auth = await callers.verify(bearerToken(req.headers.authorization));
    const contexts = subgraphContexts(auth, access, (context, subgraph) => signer.sign(context, subgraph));
    return withRequestLogger(
      {
        auth,
        requestId,
        internalContext: (subgraph: string) => contexts.forSubgraph(subgraph),
        checkCaller: () => contexts.checkCaller(),
        traceHeaders: incomingTraceHeaders(req.headers),
      },
      () => logger.child({ requestId, corpId: auth.corpId, role: auth.role }),
    );
  };
}
