import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { bearerToken, REQUEST_ID_HEADER, signInternalContext, type AuthContext, type CallerTokenVerifier, type Logger } from '@corphub/shared';

export interface GatewayContext {
  auth: AuthContext;
  requestId: string;
  logger: Logger;
  /** The verified context for subgraphs, signed once per request on first use. */
  internalContext: () => Promise<string>;
}

const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

export function requestIdOf(req: Request): string {
  const given = req.header(REQUEST_ID_HEADER);
  return given && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

export function contextFactory(verifier: CallerTokenVerifier, internalSecret: string, logger: Logger) {
  return async ({ req }: { req: Request }): Promise<GatewayContext> => {
    const requestId = requestIdOf(req);
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
