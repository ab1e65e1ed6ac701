import express, { type Request, type Response, type Router } from 'express';
import cookieParser from 'cookie-parser';
import CsrfTokens from 'csrf';
import { requestIdFor, type SecurityConfig } from '@corphub/module-kit/core';
import type { Logger } from '@corphub/module-kit';
import type { CallerTokenVerifier } from '../auth/tokens';
import type { OAuthConfig } from '../gateway-config';
import type { IdTokenSigner } from './id-tokens';
import { isCorpId, isRefused, LoginState, type LoginStateOptions } from './login-state';
import { errorPage, signInPage } from './sign-in-page';
import { isFirstPartyClient, isFirstPartyRedirect } from './first-party';
import { tokenEndpoints } from './token-endpoints';

export interface OAuthRouterOptions extends LoginStateOptions {
  security: SecurityConfig;
  config: OAuthConfig;
  /** The OpenID Connect issuer: CORPHUB_PUBLIC_URL, or in development the gateway's own URL; never the Host header. */
  issuer: () => string;
  idTokens: IdTokenSigner;
  /** Verifies the hub's access tokens (revocation, introspection, UserInfo). */
  callers: CallerTokenVerifier;
  logger: Logger;
}

const AUTHORIZE_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method', 'nonce', 'corp_id'] as const;
const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Double-submit: the sign-in page's browser holds a random secret in this cookie; the form carries a token made from it. */
const CSRF_COOKIE = 'corphub_oauth_csrf';
const CSRF_FIELD = 'csrf_token';

/**
 * The vendor login at the gateway's host: OpenID Connect with the OAuth 2 authorization code (RFC 6749 §4.1) and
 * PKCE S256 (RFC 7636), refresh tokens (§6), client credentials (§4.4), revocation (RFC 7009), introspection
 * (RFC 7662) and UserInfo. The gateway speaks the protocols and signs the tokens (it alone holds the caller-token
 * and ID-token keys); the subgraph providing `login` keeps the state — apps, secrets, codes, grants, refresh tokens,
 * openIds — behind its internal routes, called with the gateway's verified context.
 */
export function oauthRouter(options: OAuthRouterOptions): Router {
  const { config, logger, issuer } = options;
  const router = express.Router();
  const csrf = new CsrfTokens();
  const login = new LoginState(options);

  /** The browser's CSRF secret (set now if it has none) and a fresh form token for it. */
  const csrfTokenFor = (req: Request, res: Response): string => {
    let secret = str((req.cookies as Record<string, unknown> | undefined)?.[CSRF_COOKIE]);
    if (!secret) {
      secret = csrf.secretSync();
      // Lax: a cross-site form post does not carry it, so a forged sign-in fails even before the token check
      // Secure when the browser reaches the hub over https: its public URL says so, or a trusted proxy (CORPHUB_TRUST_PROXY)
      res.cookie(CSRF_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: req.secure || issuer().startsWith('https:'), path: '/oauth' });
    }
    return csrf.create(secret);
  };
  /** A form post another site made the browser send has no cookie, or no token made from it. */
  const csrfValid = (req: Request, body: Record<string, unknown>): boolean => {
    const secret = str((req.cookies as Record<string, unknown> | undefined)?.[CSRF_COOKIE]);
    const token = str(body[CSRF_FIELD]);
    return Boolean(secret && token) && csrf.verify(secret, token);
  };

  const showError = (res: Response, status: number, error: string, description: string) => {
    res.status(status).type('html').send(errorPage(error, description));
  };

  /**
   * §4.1.2.1: once client and redirect URI are known good, errors go back to the client on its redirect URI, like
   * codes; both name the issuer (RFC 9207 `iss`), so that a client talking to several servers cannot be mixed up.
   */
  const redirectTo = (res: Response, redirectUri: string, params: Record<string, string | undefined>) => {
    const url = new URL(redirectUri);
    for (const [name, value] of Object.entries({ ...params, iss: issuer() })) if (value !== undefined && value !== '') url.searchParams.set(name, value);
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
    if (!isCorpId(corpId)) {
      showError(res, 400, 'invalid_request', `corp_id "${corpId}" is not a corp id.`);
      return undefined;
    }
    const firstParty = isFirstPartyClient(params.client_id);
    if (firstParty && !isFirstPartyRedirect(params.client_id, params.redirect_uri, issuer())) {
      showError(res, 400, 'invalid_redirect_uri', `redirect_uri "${params.redirect_uri}" is not registered for client "${params.client_id}"`);
      return undefined;
    }
    const checked = await login.call<{ app: { appId: string; name: string; vendor: string }; installed: boolean; people: { unionId: string; displayName: string }[] }>(
      '/internal/oauth/authorize',
      corpId,
      { clientId: params.client_id, redirectUri: params.redirect_uri },
      req,
    );
    // an unknown client or an unregistered redirect URI is never redirected to (§4.1.2.1)
    if (isRefused(checked)) {
      showError(res, 400, checked.oauthError.error, checked.oauthError.error_description);
      return undefined;
    }
    const back = (error: string, description: string) => {
      redirectTo(res, params.redirect_uri, { error, error_description: description, state: params.state });
      return undefined;
    };
    if (params.response_type !== 'code') return back('unsupported_response_type', 'response_type must be "code"');
    if (firstParty && !params.code_challenge) return back('invalid_request', 'A public client must send a PKCE code_challenge (S256)');
    if (params.code_challenge && !CHALLENGE.test(params.code_challenge)) return back('invalid_request', 'code_challenge must be 43–128 characters of [A-Za-z0-9-._~]');
    // RFC 7636 §4.3: a challenge without a method is plain, which shows the verifier to whoever sees the request
    if (params.code_challenge && params.code_challenge_method !== 'S256') return back('invalid_request', 'code_challenge_method must be S256 (plain is not supported)');
    if (params.code_challenge_method && !params.code_challenge) return back('invalid_request', 'code_challenge_method needs a code_challenge');
    if (!checked.installed) return back('access_denied', `App "${params.client_id}" is not installed in corp "${corpId}"`);
    return { params, corpId, checked };
  }

  const guard = (run: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await run(req, res);
    } catch (error) {
      logger.error({ err: error, requestId: requestIdFor(req) }, 'oauth request failed');
      if (!res.headersSent) showError(res, 500, 'server_error', 'The login service is unavailable; try again.');
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
      const issued = await login.call<{ code: string }>(
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
      if (isRefused(issued)) redirectTo(res, params.redirect_uri, { ...issued.oauthError, state: params.state });
      else redirectTo(res, params.redirect_uri, { code: issued.code, state: params.state });
    }),
  );

  tokenEndpoints(router, { ...options, login });
  const jwks = options.idTokens.jwks();
  router.get('/jwks', (_req, res) => {
    res.set('cache-control', 'public, max-age=300').json(jwks);
  });
  return router;
}
