import express, { type Request, type Response, type Router } from 'express';
import cookieParser from 'cookie-parser';
import CsrfTokens from 'csrf';
import { SignJWT } from 'jose';
import {
  CONTEXT_HEADER,
  REQUEST_ID_HEADER,
  requestIdFor,
  Role,
  type Logger,
  type SecurityConfig,
} from '@corphub/module-kit';
import { signCallerToken } from '../auth/tokens';
import type { InternalContextSigner } from '../context';
import type { OAuthConfig } from '../gateway-config';
import { errorPage, signInPage } from './sign-in-page';

/** RFC 6749 §5.2 and §4.1.2.1 error codes (`invalid_redirect_uri` never leaves the gateway: it is shown, not redirected). */
interface OAuthError {
  error: string;
  error_description: string;
}

export interface OAuthRouterOptions {
  security: SecurityConfig;
  /** Signs the gateway's service context for the login state's internal routes. */
  contexts: InternalContextSigner;
  config: OAuthConfig;
  /** The subgraph that provides the `login` service (keeps apps, secrets, codes and openIds), if the hub has one. */
  loginSubgraph: string | undefined;
  /** Its GraphQL URL, once the gateway knows it; its internal login routes live beside it. */
  loginUrl: () => string | undefined;
  /** A replayed code revoked the grant of the tokens issued from it, in this corp. */
  onGrantRevoked?: (corpId: string) => Promise<void>;
  logger: Logger;
}

class Upstream extends Error {}

const AUTHORIZE_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method', 'nonce', 'corp_id'] as const;
const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;
const CORP_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Double-submit: the sign-in page's browser holds a random secret in this cookie; the form carries a token made from it. */
const CSRF_COOKIE = 'corphub_oauth_csrf';
const CSRF_FIELD = 'csrf_token';

/** The issuer: this gateway as the caller reached it. */
const issuerOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** The corp a code was issued in (the code's first part; the login state checks the rest). */
function corpOfCode(code: string): string | undefined {
  const [corp, secret, ...rest] = code.split('.');
  if (!corp || !secret || rest.length) return undefined;
  const corpId = Buffer.from(corp, 'base64url').toString('utf8');
  return CORP_ID.test(corpId) ? corpId : undefined;
}

/** `Authorization: Basic` per RFC 6749 §2.3.1: id and secret are form-urlencoded before base64. */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | 'malformed' | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!header) return undefined;
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

/**
 * The vendor login at the gateway's host, OAuth 2 authorization code (RFC 6749 §4.1) with PKCE
 * (RFC 7636) in the shape OpenID Connect uses, and client credentials (§4.4). The gateway speaks the
 * protocol and signs the tokens (it alone holds the caller-token key); the subgraph providing `login` keeps the state —
 * apps, secrets, codes, openIds — behind its internal routes, called with the gateway's verified context.
 */
export function oauthRouter(options: OAuthRouterOptions): Router {
  const { security, config, logger } = options;
  const router = express.Router();
  const csrf = new CsrfTokens();

  /** The browser's CSRF secret (set now if it has none) and a fresh form token for it. */
  const csrfTokenFor = (req: Request, res: Response): string => {
    let secret = str((req.cookies as Record<string, unknown> | undefined)?.[CSRF_COOKIE]);
    if (!secret) {
      secret = csrf.secretSync();
      // Lax: a cross-site form post does not carry it, so a forged sign-in fails even before the token check
      res.cookie(CSRF_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/oauth' });
    }
    return csrf.create(secret);
  };
  /** A form post another site made the browser send has no cookie, or no token made from it. */
  const csrfValid = (req: Request, body: Record<string, unknown>): boolean => {
    const secret = str((req.cookies as Record<string, unknown> | undefined)?.[CSRF_COOKIE]);
    const token = str(body[CSRF_FIELD]);
    return Boolean(secret && token) && csrf.verify(secret, token);
  };

  /** One call to the login state's internal routes. */
  async function loginState<T>(path: string, corpId: string, body: Record<string, unknown>, req: Request): Promise<T | { oauthError: OAuthError; grantRevoked?: boolean }> {
    const subgraph = options.loginSubgraph;
    const base = options.loginUrl();
    if (!subgraph || !base) throw new Upstream('This hub has no subgraph providing the login service');
    const context = await options.contexts.sign({ subject: 'gateway:oauth', corpId, role: Role.SERVICE }, subgraph);
    const response = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: context, [REQUEST_ID_HEADER]: requestIdFor(req) },
      body: JSON.stringify(body),
    }).catch((error: unknown) => {
      throw new Upstream(`${subgraph} unreachable: ${(error as Error).message}`);
    });
    if (!response.ok) throw new Upstream(`${subgraph} answered HTTP ${response.status}: ${await response.text()}`);
    const answer = (await response.json()) as T | { oauthError: OAuthError; grantRevoked?: boolean };
    if (typeof answer === 'object' && answer !== null && 'grantRevoked' in answer && answer.grantRevoked) {
      logger.warn({ corpId, clientId: body.clientId, requestId: requestIdFor(req) }, 'authorization code replayed: the tokens issued from it are revoked');
      await options.onGrantRevoked?.(corpId);
    }
    return answer;
  }

  const isError = (value: unknown): value is { oauthError: OAuthError } => typeof value === 'object' && value !== null && 'oauthError' in value;

  const showError = (res: Response, status: number, error: string, description: string) => {
    res.status(status).type('html').send(errorPage(error, description));
  };

  /** §4.1.2.1: once client and redirect URI are known good, errors go back to the client on its redirect URI. */
  const redirectTo = (res: Response, redirectUri: string, params: Record<string, string | undefined>) => {
    const url = new URL(redirectUri);
    for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(name, value);
    res.redirect(302, url.toString());
  };

  /** Checks an authorization request: answers (and returns undefined) on error, else returns its parameters. */
  async function authorizationRequest(req: Request, res: Response, source: Record<string, unknown>) {
    res.setHeader('cache-control', 'no-store');
    if (!config.devSignIn) {
      showError(res, 404, 'not_available', 'The development sign-in page is off (CORPHUB_OAUTH_DEV_SIGN_IN); this hub signs people in elsewhere.');
      return undefined;
    }
    const params = Object.fromEntries(AUTHORIZE_PARAMS.map((name) => [name, str(source[name])])) as Record<(typeof AUTHORIZE_PARAMS)[number], string>;
    const corpId = params.corp_id || config.devSignInCorp;
    if (!params.client_id || !params.redirect_uri) {
      showError(res, 400, 'invalid_request', 'client_id and redirect_uri are required.');
      return undefined;
    }
    if (!CORP_ID.test(corpId)) {
      showError(res, 400, 'invalid_request', `corp_id "${corpId}" is not a corp id.`);
      return undefined;
    }
    const checked = await loginState<{ app: { appId: string; name: string; vendor: string }; installed: boolean; people: { unionId: string; displayName: string }[] }>(
      '/internal/oauth/authorize',
      corpId,
      { clientId: params.client_id, redirectUri: params.redirect_uri },
      req,
    );
    // an unknown client or an unregistered redirect URI is never redirected to (§4.1.2.1)
    if (isError(checked)) {
      showError(res, 400, checked.oauthError.error, checked.oauthError.error_description);
      return undefined;
    }
    const back = (error: string, description: string) => {
      redirectTo(res, params.redirect_uri, { error, error_description: description, state: params.state });
      return undefined;
    };
    if (params.response_type !== 'code') return back('unsupported_response_type', 'response_type must be "code"');
    if (params.code_challenge && !CHALLENGE.test(params.code_challenge)) return back('invalid_request', 'code_challenge must be 43–128 characters of [A-Za-z0-9-._~]');
    if (params.code_challenge_method && !['S256', 'plain'].includes(params.code_challenge_method)) return back('invalid_request', 'code_challenge_method must be S256 or plain');
    if (params.code_challenge_method && !params.code_challenge) return back('invalid_request', 'code_challenge_method needs a code_challenge');
    if (!checked.installed) return back('access_denied', `App "${params.client_id}" is not installed in corp "${corpId}"`);
    return { params, corpId, checked };
  }

  const guard = (run: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await run(req, res);
    } catch (error) {
      logger.error({ err: error, requestId: requestIdFor(req) }, 'oauth request failed');
      if (res.headersSent) return;
      if (req.path === '/token') sendTokenError(res, 500, { error: 'server_error', error_description: 'The login service is unavailable; try again' });
      else showError(res, 500, 'server_error', 'The login service is unavailable; try again.');
    }
  };

  router.use('/authorize', cookieParser());
  router.get(
    '/authorize',
    guard(async (req, res) => {
      const request = await authorizationRequest(req, res, req.query);
      if (!request) return;
      const { params, corpId, checked } = request;
      const carried = Object.fromEntries(Object.entries({ ...params, corp_id: corpId }).filter(([, value]) => value !== ''));
      const csrfToken = csrfTokenFor(req, res);
      res.type('html').send(signInPage({ appName: checked.app.name, vendor: checked.app.vendor, corpId, people: checked.people, params: { ...carried, [CSRF_FIELD]: csrfToken } }));
    }),
  );

  router.post(
    '/authorize',
    express.urlencoded({ extended: false, limit: '16kb' }),
    guard(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (config.devSignIn && !csrfValid(req, body)) {
        res.setHeader('cache-control', 'no-store');
        // never redirected: the request may not come from the person at all
        showError(res, 403, 'access_denied', 'This sign-in form did not come from this hub or has expired (missing or wrong CSRF token). Start the sign-in again.');
        return;
      }
      const request = await authorizationRequest(req, res, body);
      if (!request) return;
      const { params, corpId } = request;
      const issued = await loginState<{ code: string }>(
        '/internal/oauth/codes',
        corpId,
        {
          clientId: params.client_id,
          redirectUri: params.redirect_uri,
          unionId: str(body.union_id),
          codeChallenge: params.code_challenge || undefined,
          codeChallengeMethod: params.code_challenge_method || undefined,
          nonce: params.nonce || undefined,
          scope: params.scope || undefined,
          ttlSeconds: config.codeTtlSeconds,
        },
        req,
      );
      if (isError(issued)) redirectTo(res, params.redirect_uri, { ...issued.oauthError, state: params.state });
      else redirectTo(res, params.redirect_uri, { code: issued.code, state: params.state });
    }),
  );

  function sendTokenError(res: Response, status: number, body: OAuthError) {
    if (status === 401) res.setHeader('www-authenticate', 'Basic realm="corphub", charset="UTF-8"');
    res.status(status).json(body);
  }

  router.post(
    '/token',
    (_req, res, next) => {
      // §5.1: token responses, good or bad, are never cached
      res.setHeader('cache-control', 'no-store');
      res.setHeader('pragma', 'no-cache');
      next();
    },
    express.urlencoded({ extended: false, limit: '16kb' }),
    guard(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const fail = (error: string, description: string) => sendTokenError(res, error === 'invalid_client' ? 401 : 400, { error, error_description: description });
      if (!req.is('application/x-www-form-urlencoded')) return fail('invalid_request', 'The token request must be application/x-www-form-urlencoded (RFC 6749 §4.1.3)');
      if (security.jwksUrl) return fail('unauthorized_client', 'This hub verifies caller tokens from an external sign-in provider (CORPHUB_JWKS_URL); use that provider to sign in');

      // client authentication (§2.3.1): client_secret_basic or client_secret_post, not both
      const basic = basicCredentials(req.header('authorization'));
      if (basic === 'malformed') return fail('invalid_client', 'The Authorization header is not valid Basic credentials');
      if (basic && (body.client_secret !== undefined || (body.client_id !== undefined && body.client_id !== basic.clientId))) {
        return fail('invalid_request', 'Use one client authentication method: Basic credentials or client_id and client_secret in the body');
      }
      const clientId = basic?.clientId ?? str(body.client_id);
      const clientSecret = basic?.clientSecret ?? str(body.client_secret);
      if (!clientId || !clientSecret) return fail('invalid_client', 'Client authentication is required: Basic credentials or client_id and client_secret');

      const grantType = str(body.grant_type);
      if (!grantType) return fail('invalid_request', 'grant_type is required');
      if (grantType === 'client_credentials') {
        const corpId = str(body.corp_id);
        if (!CORP_ID.test(corpId)) return fail('invalid_request', 'corp_id is required: the corp (one that installed the app) the token acts in');
        const granted = await loginState<{ appId: string; corpId: string }>('/internal/oauth/token', corpId, { grantType, clientId, clientSecret }, req);
        if (isError(granted)) return fail(granted.oauthError.error, granted.oauthError.error_description);
        const accessToken = await signCallerToken({ subject: `app:${granted.appId}`, corpId: granted.corpId, role: Role.VENDOR, appId: granted.appId }, security.jwtSecret, `${config.accessTokenTtlSeconds}s`);
        res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: config.accessTokenTtlSeconds });
        return;
      }
      if (grantType !== 'authorization_code') return fail('unsupported_grant_type', 'grant_type must be authorization_code or client_credentials');
      const code = str(body.code);
      if (!code) return fail('invalid_request', 'code is required');
      if (!body.redirect_uri) return fail('invalid_request', 'redirect_uri is required (the one the authorization request used)');
      // a code that names no corp still goes to the login state, so that the client is authenticated first
      const corpId = corpOfCode(code) ?? '-';
      const redeemed = await loginState<{ appId: string; corpId: string; unionId: string; openId: string; nonce: string | null; scope: string | null; grantId: string | null }>(
        '/internal/oauth/token',
        corpId,
        { grantType, clientId, clientSecret, code, redirectUri: str(body.redirect_uri), codeVerifier: str(body.code_verifier) || undefined },
        req,
      );
      if (isError(redeemed)) return fail(redeemed.oauthError.error, redeemed.oauthError.error_description);
      const ttl = config.accessTokenTtlSeconds;
      // the person, acting in the app: a vendor token for the app in the person's corp
      const accessToken = await signCallerToken(
        { subject: redeemed.openId, corpId: redeemed.corpId, role: Role.VENDOR, appId: redeemed.appId, unionId: redeemed.unionId, ...(redeemed.grantId ? { grantId: redeemed.grantId } : {}) },
        security.jwtSecret,
        `${ttl}s`,
      );
      // OpenID Connect Core §3.1.3.7 and §10.1: an HS256 ID token keyed with the client's own secret, for the client to verify
      const idToken = await new SignJWT({ unionid: redeemed.unionId, corp_id: redeemed.corpId, ...(redeemed.nonce ? { nonce: redeemed.nonce } : {}) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(issuerOf(req))
        .setSubject(redeemed.openId)
        .setAudience(redeemed.appId)
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .sign(new TextEncoder().encode(clientSecret));
      res.json({
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: ttl,
        openid: redeemed.openId,
        unionid: redeemed.unionId,
        id_token: idToken,
        ...(redeemed.scope ? { scope: redeemed.scope } : {}),
      });
    }),
  );

  // §5.2: a body that is not a valid form is invalid_request, not an HTML error page
  router.use('/token', ((error, _req, res, next) => {
    if (res.headersSent) return next(error);
    res.setHeader('cache-control', 'no-store');
    sendTokenError(res, 400, { error: 'invalid_request', error_description: 'The request body could not be read' });
  }) as express.ErrorRequestHandler);
  return router;
}

/** OpenID Connect discovery, for clients that configure themselves from it. */
export function openIdConfiguration(req: Request, res: Response): void {
  const issuer = issuerOf(req);
  res.json({
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'client_credentials'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['HS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256', 'plain'],
    claims_supported: ['sub', 'unionid', 'corp_id', 'nonce'],
  });
}
