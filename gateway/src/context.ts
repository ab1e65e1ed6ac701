import type { Request } from 'express';
import { bearerToken, requestIdFor, type AuthContext, type CallerTokenVerifier, type Logger } from '@corphub/shared';
import { internalContextSigner, type AccessDirectory } from './access';

export interface GatewayContext {
  auth: AuthContext;
  requestId: string;
  logger: Logger;
  /**
   * The verified context for one subgraph, signed once per request on first use: with the corp's
   * installed modules for module subgraphs, and a scoped app's UnionIDs for vendor apps.
   */
  internalContext: (subgraph: string) => Promise<string>;
}

export function contextFactory(verifier: CallerTokenVerifier, internalSecret: string, logger: Logger, access: AccessDirectory) {
  return async ({ req }: { req: Request }): Promise<GatewayContext> => {
    const requestId = requestIdFor(req);
    const auth = await verifier.verify(bearerToken(req.header('authorization')));
    const signer = internalContextSigner(auth, access, internalSecret);
    // a vendor app sees only corps that installed it: refused before any subgraph is asked
    await signer.checkCaller();
    return {
      auth,
      requestId,
      logger: logger.child({ requestId, corpId: auth.corpId, role: auth.role }),
      internalContext: (subgraph) => signer.forSubgraph(subgraph),
    };
  };
}
