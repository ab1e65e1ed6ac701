import type { Request } from 'express';
import { bearerToken, requestIdFor, signInternalContext, type AuthContext, type CallerTokenVerifier, type Logger } from '@corphub/shared';

export interface GatewayContext {
  auth: AuthContext;
  requestId: string;
  logger: Logger;
  /** The verified context for subgraphs, signed once per request on first use. */
  internalContext: () => Promise<string>;
}

export function contextFactory(verifier: CallerTokenVerifier, internalSecret: string, logger: Logger) {
  return async ({ req }: { req: Request }): Promise<GatewayContext> => {
    const requestId = requestIdFor(req);
    const auth = await verifier.verify(bearerToken(req.header('authorization')));
    let signed: Promise<string> | undefined;
    return {
      auth,
      requestId,
      logger: logger.child({ requestId, corpId: auth.corpId, role: auth.role }),
      internalContext: () => (signed ??= signInternalContext(auth, internalSecret)),
    };
  };
}
