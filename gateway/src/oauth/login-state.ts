import type { Request } from 'express';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, requestIdFor, Role } from '@corphub/module-kit/core';
import type { Logger } from '@corphub/module-kit';
import type { InternalContextSigner } from '../context';

/** RFC 6749 §5.2 and §4.1.2.1 error codes (`invalid_redirect_uri` never leaves the gateway: it is shown, not redirected). */
export interface OAuthError {
  error: string;
  error_description: string;
}

/** The login state's answer when it refused: the error, and whether the refusal revoked a grant. */
export interface Refused {
  oauthError: OAuthError;
  grantRevoked?: boolean;
}

/** The login service could not be asked (none in the hub, unreachable, or it failed). */
export class Upstream extends Error {}

export const isRefused = (value: unknown): value is Refused => typeof value === 'object' && value !== null && 'oauthError' in value;

const CORP_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const isCorpId = (value: string) => CORP_ID.test(value);

/** The corp a code or refresh token was issued in (its first part; the login state checks the rest). */
export function corpOfToken(token: string): string | undefined {
  const [corp, secret, ...rest] = token.split('.');
  if (!corp || !secret || rest.length) return undefined;
  const corpId = Buffer.from(corp, 'base64url').toString('utf8');
  return isCorpId(corpId) ? corpId : undefined;
}

export interface LoginStateOptions {
  /** Signs the gateway's service context for the login state's internal routes. */
  contexts: InternalContextSigner;
  /** The subgraph that provides the `login` service (keeps apps, secrets, codes, grants and openIds), if the hub has one. */
  loginSubgraph: string | undefined;
  /** Its GraphQL URL, once the gateway knows it; its internal login routes live beside it. */
  loginUrl: () => string | undefined;
  /** A grant was revoked (a replayed code, a reused refresh token, a revocation request) in this corp. */
  onGrantRevoked?: (corpId: string) => Promise<void>;
  logger: Logger;
}

/**
 * The login state's internal routes (`/internal/oauth/*` of the subgraph providing `login`), called with the
 * gateway's verified context scoped to the corp the request is about.
 */
export class LoginState {
  constructor(private readonly options: LoginStateOptions) {}

  async call<T>(path: string, corpId: string, body: Record<string, unknown>, req: Request): Promise<T | Refused> {
    const { loginSubgraph: subgraph, contexts, logger } = this.options;
    const base = this.options.loginUrl();
    if (!subgraph || !base) throw new Upstream('This hub has no subgraph providing the login service');
    const context = await contexts.sign({ subject: 'gateway:oauth', corpId, role: Role.SERVICE }, subgraph);
    const response = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: context, [REQUEST_ID_HEADER]: requestIdFor(req) },
      body: JSON.stringify(body),
    }).catch((error: unknown) => {
      throw new Upstream(`${subgraph} unreachable: ${(error as Error).message}`);
    });
    if (!response.ok) throw new Upstream(`${subgraph} answered HTTP ${response.status}: ${await response.text()}`);
    const answer = (await response.json()) as T | Refused;
    if (typeof answer === 'object' && answer !== null && 'grantRevoked' in answer && answer.grantRevoked) {
      const reason = isRefused(answer) ? answer.oauthError.error_description : 'revocation request (RFC 7009)';
      logger.warn({ corpId, clientId: body.clientId, reason, requestId: requestIdFor(req) }, 'a grant was revoked: its access and refresh tokens are refused');
      await this.options.onGrantRevoked?.(corpId);
    }
    return answer;
  }
}
