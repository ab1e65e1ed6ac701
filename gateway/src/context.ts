import type { Request } from 'express';
import { LRUCache } from 'lru-cache';
import { decodeJwt } from 'jose';
import { bearerToken, requestIdFor, signInternalContext, type AuthContext, type CallerTokenVerifier, type Logger } from '@corphub/shared';
import { subgraphContexts, type AccessDirectory } from './access';

export interface GatewayContext {
  auth: AuthContext;
  requestId: string;
  logger: Logger;
  /**
   * The verified context for one subgraph: with the corp's installed modules for module subgraphs, and a scoped
   * app's UnionIDs for vendor apps; one signed token per caller identity, reused while it has time left.
   */
  internalContext: (subgraph: string) => Promise<string>;
  /** Vendor apps: refused (FORBIDDEN, HTTP 403) unless their app is installed in the token's corp (useAppInstallation). */
  checkCaller: () => Promise<void>;
}

/** A signed verified context lives 60 s (shared/auth.ts); it is handed out for its first half only. */
const REUSE_MS = 30_000;

/**
 * Signs the verified context once per caller identity (subject, corp, role, person, app, and the modules and
 * scope the gateway added) and reuses the token while at least half its lifetime is left, instead of signing
 * on every request. Two callers share a token only when every one of those facts is the same, so it says
 * nothing about anyone but them.
 */
export class InternalContextSigner {
  private readonly tokens = new LRUCache<string, Promise<string>>({ max: 10_000, ttl: REUSE_MS });

  constructor(private readonly internalSecret: string) {}

  sign(auth: AuthContext): Promise<string> {
    const key = JSON.stringify([auth.subject, auth.corpId, auth.role, auth.unionId ?? null, auth.appId ?? null, auth.modules ?? null, auth.scope ?? null]);
    let token = this.tokens.get(key);
    if (!token) {
      token = signInternalContext(auth, this.internalSecret);
      this.tokens.set(key, token);
      token.catch(() => this.tokens.delete(key));
    }
    return token;
  }
}

/** How long a verified caller token is taken as verified without checking it again (never past its expiry). */
const VERIFIED_FOR_MS = 60_000;

/**
 * Remembers caller tokens that verified, by their exact text, until they expire (at most a minute): a client
 * sends the same token with every request, and checking its signature each time was a visible share of the
 * gateway's CPU. A token that failed is checked again every time; one that expired is never answered from here.
 */
export class VerifiedCallers {
  private readonly verified = new LRUCache<string, { auth: AuthContext; expiresAt: number }>({ max: 10_000, ttl: VERIFIED_FOR_MS });

  constructor(private readonly verifier: CallerTokenVerifier) {}

  async verify(token: string | undefined): Promise<AuthContext> {
    const known = token ? this.verified.get(token) : undefined;
    if (known && known.expiresAt > Date.now()) return known.auth;
    const auth = await this.verifier.verify(token);
    const exp = decodeJwt(token!).exp;
    // a token without an expiry is verified every time
    if (typeof exp === 'number') this.verified.set(token!, { auth, expiresAt: exp * 1000 });
    return auth;
  }
}

export function contextFactory(verifier: CallerTokenVerifier, internalSecret: string, logger: Logger, access: AccessDirectory) {
  const signer = new InternalContextSigner(internalSecret);
  const callers = new VerifiedCallers(verifier);
  return async ({ req }: { req: Request }): Promise<GatewayContext> => {
    const requestId = requestIdFor(req);
    const auth = await callers.verify(bearerToken(req.header('authorization')));
    const contexts = subgraphContexts(auth, access, (context) => signer.sign(context));
    let requestLogger: Logger | undefined;
    return {
      auth,
      requestId,
      // made on first use: most requests log nothing at the usual levels
      get logger() {
        return (requestLogger ??= logger.child({ requestId, corpId: auth.corpId, role: auth.role }));
      },
      internalContext: (subgraph) => contexts.forSubgraph(subgraph),
      checkCaller: () => contexts.checkCaller(),
    };
  };
}
