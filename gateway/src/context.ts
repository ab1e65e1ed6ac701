import type { Request } from 'express';
import { LRUCache } from 'lru-cache';
import { bearerToken, requestIdFor, signInternalContext, type AuthContext, type CallerTokenVerifier, type Logger } from '@corphub/shared';

export interface GatewayContext {
  auth: AuthContext;
  requestId: string;
  logger: Logger;
  /** The verified context for subgraphs: one signed token per caller identity, reused while it has time left. */
  internalContext: () => Promise<string>;
}

/** A signed verified context lives 60 s (shared/auth.ts); it is handed out for its first half only. */
const REUSE_MS = 30_000;

/**
 * Signs the verified context once per caller identity (subject, corp, role, person, app) and reuses the token
 * while at least half its lifetime is left, instead of signing on every request. Two callers share a token
 * only when every one of those facts is the same, so it says nothing about anyone but them.
 */
export class InternalContextSigner {
  private readonly tokens = new LRUCache<string, Promise<string>>({ max: 10_000, ttl: REUSE_MS });

  constructor(private readonly internalSecret: string) {}

  sign(auth: AuthContext): Promise<string> {
    const key = JSON.stringify([auth.subject, auth.corpId, auth.role, auth.unionId ?? null, auth.appId ?? null]);
    let token = this.tokens.get(key);
    if (!token) {
      token = signInternalContext(auth, this.internalSecret);
      this.tokens.set(key, token);
      token.catch(() => this.tokens.delete(key));
    }
    return token;
  }
}

export function contextFactory(verifier: CallerTokenVerifier, internalSecret: string, logger: Logger) {
  const signer = new InternalContextSigner(internalSecret);
  return async ({ req }: { req: Request }): Promise<GatewayContext> => {
    const requestId = requestIdFor(req);
    const auth = await verifier.verify(bearerToken(req.header('authorization')));
    return {
      auth,
      requestId,
      logger: logger.child({ requestId, corpId: auth.corpId, role: auth.role }),
      internalContext: () => signer.sign(auth),
    };
  };
}
