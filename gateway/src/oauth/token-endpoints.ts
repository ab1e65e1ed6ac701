import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { decodeJwt } from 'jose';
import { requestIdFor, Role, type AuthContext, type SecurityConfig } from '@corphub/module-kit/core';
import type { Logger } from '@corphub/module-kit';
import { bearerToken, signCallerToken, type CallerTokenVerifier } from '../auth/tokens';
import type { OAuthConfig } from '../gateway-config';
import { clientCredentialsOf } from './client-authentication';
import { isFirstPartyClient } from './first-party';
import type { IdTokenSigner } from './id-tokens';
import { corpOfToken, isCorpId, isRefused, type LoginState, type OAuthError, type Refused } from './login-state';

export interface TokenEndpointsOptions {
  security: SecurityConfig;
  config: OAuthConfig;
  /** The OpenID Connect issuer (`iss` of ID tokens). */
  issuer: () => string;
  idTokens: IdTokenSigner;
  /** Verifies the hub's access tokens presented for revocation, introspection and at the UserInfo endpoint. */
  callers: CallerTokenVerifier;
  login: LoginState;
  logger: Logger;
}

/** What the login state answers for a code or a refresh token: the person's grant, and the token's successor. */
interface PersonGrant {
  appId: string;
  corpId: string;
  unionId: string;
  openId: string;
  nonce: string | null;
  scope: string | null;
  grantId: string | null;
  refreshToken: string | null;
  /** First-party clients: the person's own role (their token is theirs, not an app's), and a department admin's department. */
  role?: Role;
  department?: string;
}

/** What the login state answers for an introspected token (`openId` and the times for a refresh token only). */
interface Introspected {
  active: boolean;
  scope?: string;
  openId?: string;
  unionId?: string;
  issuedAt?: number;
  expiresAt?: number;
}

/** A presented token as the gateway reads it, and what the login state is asked about it. */
interface Presented {
  corpId: string;
  /** `refreshToken`, or `accessToken: { grantId }` for one of the client's access tokens; neither: only authenticate the client. */
  query: { refreshToken?: string; accessToken?: { grantId?: string } };
  /** One of the hub's access tokens, verified. */
  access?: { auth: AuthContext; issuedAt?: number; expiresAt?: number };
  /** A valid access token issued to another client (or none at all: a hub token). */
  foreign?: boolean;
}

/** A corp id for requests that name none (the login state still authenticates the client first). */
const NO_CORP = '-';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

const STATUS: Record<string, number> = { invalid_client: 401, server_error: 500 };

function sendError(res: Response, { error, error_description }: OAuthError): void {
  if (error === 'invalid_client') res.setHeader('www-authenticate', 'Basic realm="corphub", charset="UTF-8"');
  res.status(STATUS[error] ?? 400).json({ error, error_description });
}

/** RFC 6750 §3: the UserInfo endpoint's refusals, in the WWW-Authenticate header (and the body, for people reading it). */
function sendBearerError(res: Response, description?: string): void {
  // §3.1: a request without a token gets no error code
  if (description === undefined) {
    res.setHeader('www-authenticate', 'Bearer realm="corphub"');
    res.status(401).end();
    return;
  }
  // §3: error_description holds printable ASCII but `"` and `\`
  res.setHeader('www-authenticate', `Bearer realm="corphub", error="invalid_token", error_description="${description.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '')}"`);
  res.status(401).json({ error: 'invalid_token', error_description: description });
}

// RFC 6749 §5.1, RFC 7662 §2.2: answers about tokens are never cached, good or bad
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('pragma', 'no-cache');
  next();
};

/**
 * The back-channel endpoints: token (RFC 6749 §4.1.3, §4.4, §6), revocation (RFC 7009), introspection (RFC 7662)
 * — each a form POST from an authenticated client, answered in JSON — and UserInfo (OpenID Connect Core §5.3).
 */
export function tokenEndpoints(router: Router, options: TokenEndpointsOptions): void {
  const { security, config, login, callers, logger } = options;
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  /** A form POST that starts with client authentication; `run` answers. */
  const backChannel = (path: string, run: (req: Request, res: Response, body: Record<string, unknown>, client: { clientId: string; clientSecret: string }) => Promise<void>) => {
    router.post(path, noStore, form, async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      try {
        if (!req.is('application/x-www-form-urlencoded')) return sendError(res, { error: 'invalid_request', error_description: 'The request must be application/x-www-form-urlencoded (RFC 6749 §3.2)' });
        if (security.jwksUrl) {
          return sendError(res, { error: 'unauthorized_client', error_description: 'This hub verifies caller tokens from an external sign-in provider (CORPHUB_JWKS_URL); use that provider to sign in' });
        }
        const client = clientCredentialsOf(req, body);
        if ('error' in client) return sendError(res, client);
        await run(req, res, body, client);
      } catch (error) {
        logger.error({ err: error, requestId: requestIdFor(req) }, 'oauth request failed');
        if (!res.headersSent) sendError(res, { error: 'server_error', error_description: 'The login service is unavailable; try again' });
      }
    });
    // a body that is not a valid form is invalid_request, not an HTML error page
    router.use(path, ((error, _req, res, next) => {
      if (res.headersSent) return next(error);
      res.setHeader('cache-control', 'no-store');
      sendError(res, { error: 'invalid_request', error_description: 'The request body could not be read' });
    }) as express.ErrorRequestHandler);
  };

  /** The token response for a person's grant: access token, its refresh token's successor, and an ID token. */
  async function personTokens(res: Response, grant: PersonGrant): Promise<void> {
    const ttl = config.accessTokenTtlSeconds;
    const grantClaim = grant.grantId ? { grantId: grant.grantId } : {};
    // a first-party sign-in: the person themself, with their role; otherwise the person acting in the app (a vendor token)
    const caller: AuthContext = grant.role
      ? { subject: grant.unionId, corpId: grant.corpId, role: grant.role, unionId: grant.unionId, ...(grant.department ? { department: grant.department } : {}), ...grantClaim }
      : { subject: grant.openId, corpId: grant.corpId, role: Role.VENDOR, appId: grant.appId, unionId: grant.unionId, ...grantClaim };
    const accessToken = await signCallerToken(caller, security.jwtSecret, `${ttl}s`);
    const idToken = await options.idTokens.sign({
      issuer: options.issuer(),
      subject: grant.openId,
      audience: grant.appId,
      ttlSeconds: ttl,
      claims: { unionid: grant.unionId, corp_id: grant.corpId, ...(grant.nonce ? { nonce: grant.nonce } : {}) },
    });
    res.json({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ttl,
      ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
      openid: grant.openId,
      unionid: grant.unionId,
      id_token: idToken,
      ...(grant.scope ? { scope: grant.scope } : {}),
    });
  }

  backChannel('/token', async (req, res, body, { clientId, clientSecret }) => {
    const fail = (error: string, description: string) => sendError(res, { error, error_description: description });
    const grantType = str(body.grant_type);
    if (!grantType) return fail('invalid_request', 'grant_type is required');
    if (grantType === 'client_credentials') {
      const corpId = str(body.corp_id);
      if (!isCorpId(corpId)) return fail('invalid_request', 'corp_id is required: the corp (one that installed the app) the token acts in');
      const granted = await login.call<{ appId: string; corpId: string }>('/internal/oauth/token', corpId, { grantType, clientId, clientSecret }, req);
      if (isRefused(granted)) return sendError(res, granted.oauthError);
      const accessToken = await signCallerToken({ subject: `app:${granted.appId}`, corpId: granted.corpId, role: Role.VENDOR, appId: granted.appId }, security.jwtSecret, `${config.accessTokenTtlSeconds}s`);
      res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: config.accessTokenTtlSeconds });
      return;
    }
    const refreshTokenTtlSeconds = config.refreshTokenTtlSeconds;
    let granted: PersonGrant | Refused;
    if (grantType === 'authorization_code') {
      const code = str(body.code);
      if (!code) return fail('invalid_request', 'code is required');
      if (!body.redirect_uri) return fail('invalid_request', 'redirect_uri is required (the one the authorization request used)');
      // a code that names no corp still goes to the login state, so that the client is authenticated first
      granted = await login.call<PersonGrant>(
        '/internal/oauth/token',
        corpOfToken(code) ?? NO_CORP,
        { grantType, clientId, clientSecret, code, redirectUri: str(body.redirect_uri), codeVerifier: str(body.code_verifier) || undefined, refreshTokenTtlSeconds },
        req,
      );
    } else if (grantType === 'refresh_token') {
      const refreshToken = str(body.refresh_token);
      if (!refreshToken) return fail('invalid_request', 'refresh_token is required');
      granted = await login.call<PersonGrant>(
        '/internal/oauth/token',
        corpOfToken(refreshToken) ?? NO_CORP,
        { grantType, clientId, clientSecret, refreshToken, scope: body.scope === undefined ? undefined : str(body.scope), refreshTokenTtlSeconds },
        req,
      );
    } else {
      return fail('unsupported_grant_type', 'grant_type must be authorization_code, refresh_token or client_credentials');
    }
    if (isRefused(granted)) return sendError(res, granted.oauthError);
    await personTokens(res, granted);
  });

  /** Reads a presented token: one of the hub's access tokens (a JWS), else a refresh token (which names its corp). */
  async function presented(token: string, clientId: string): Promise<Presented> {
    if (token.split('.').length === 3) {
      const auth = await callers.verify(token).catch(() => undefined);
      if (!auth) return { corpId: NO_CORP, query: {} };
      // a first-party client's tokens are the person's own (no app); a vendor app's name the app
      const ours = isFirstPartyClient(clientId) ? !auth.appId && Boolean(auth.grantId) : auth.role === Role.VENDOR && auth.appId === clientId;
      if (!ours) return { corpId: NO_CORP, query: {}, foreign: true };
      const { iat, exp } = decodeJwt(token);
      return { corpId: auth.corpId, query: { accessToken: auth.grantId ? { grantId: auth.grantId } : {} }, access: { auth, issuedAt: iat, expiresAt: exp } };
    }
    const corpId = corpOfToken(token);
    return corpId ? { corpId, query: { refreshToken: token } } : { corpId: NO_CORP, query: {} };
  }

  /** RFC 7009: revokes the token's grant, so its refresh tokens and access tokens; an invalid token is still 200 (§2.2). */
  backChannel('/revoke', async (req, res, body, client) => {
    const token = str(body.token);
    if (!token) return sendError(res, { error: 'invalid_request', error_description: 'token is required' });
    const { corpId, query, access, foreign } = await presented(token, client.clientId);
    const answer = await login.call<{ grantRevoked: boolean }>('/internal/oauth/revoke', corpId, { ...client, ...query }, req);
    if (isRefused(answer)) return sendError(res, answer.oauthError);
    if (foreign) return sendError(res, { error: 'invalid_request', error_description: 'The token was not issued to this client' });
    if (access && !access.auth.grantId) {
      return sendError(res, { error: 'unsupported_token_type', error_description: 'A client-credentials access token has no grant to revoke; it expires by itself' });
    }
    res.status(200).end();
  });

  /** RFC 7662: a resource server (with its app's credentials) asks whether a token of that app is active. */
  backChannel('/introspect', async (req, res, body, client) => {
    const token = str(body.token);
    if (!token) return sendError(res, { error: 'invalid_request', error_description: 'token is required' });
    const { corpId, query, access, foreign } = await presented(token, client.clientId);
    const answer = await login.call<Introspected>('/internal/oauth/introspect', corpId, { ...client, ...query }, req);
    if (isRefused(answer)) return sendError(res, answer.oauthError);
    // §2.2: an inactive token, or one the client may not know about, is only `active: false`
    if (!answer.active || foreign) {
      res.json({ active: false });
      return;
    }
    const scope = answer.scope ? { scope: answer.scope } : {};
    if (access) {
      const { auth, issuedAt, expiresAt } = access;
      res.json({ active: true, ...scope, client_id: client.clientId, token_type: 'Bearer', sub: auth.subject, exp: expiresAt, iat: issuedAt, corp_id: auth.corpId, ...(auth.unionId ? { unionid: auth.unionId } : {}) });
      return;
    }
    res.json({ active: true, ...scope, client_id: client.clientId, sub: answer.openId, exp: answer.expiresAt, iat: answer.issuedAt, corp_id: corpId, unionid: answer.unionId });
  });

  /** OpenID Connect Core §5.3: the claims about the person behind an access token from a sign-in, per its grant's scope. */
  const userinfo = async (req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    try {
      const token = bearerToken(req.header('authorization'));
      if (!token) return sendBearerError(res);
      const auth = await callers.verify(token).catch(() => undefined);
      if (!auth || auth.role !== Role.VENDOR || !auth.appId || !auth.unionId || !auth.grantId) {
        return sendBearerError(res, "The access token is invalid, expired, or not a person's token from this hub's sign-in");
      }
      const answer = await login.call<{ claims: Record<string, string> }>('/internal/oauth/userinfo', auth.corpId, { appId: auth.appId, grantId: auth.grantId }, req);
      if (isRefused(answer)) return sendBearerError(res, answer.oauthError.error_description);
      res.json(answer.claims);
    } catch (error) {
      logger.error({ err: error, requestId: requestIdFor(req) }, 'userinfo request failed');
      if (!res.headersSent) sendError(res, { error: 'server_error', error_description: 'The login service is unavailable; try again' });
    }
  };
  router.get('/userinfo', userinfo);
  router.post('/userinfo', userinfo);
}
