import express, { type Request, type Response, type Router } from 'express';
import { errors, Role, type RouteKit } from '@corphub/module-kit';
import type { IdentityContext } from '../context';
import type { IdentityLoaders } from '../loaders';
import type { IdentityServices } from '../services';
import { checkClient, clientCredentials, issueCode, OAuthFailure, redeemCode, signInCandidates } from './oauth.service';
import { introspectToken, refreshGrant, revokeToken, userInfo, type PresentedToken } from './grant.service';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const opt = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const seconds = (value: unknown, fallback: number) => (Number(value) > 0 ? Number(value) : fallback);
/** The gateway sends a token's lifetime with each request that issues one; a day when it does not say. */
const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 86_400;

const presentedToken = (body: Record<string, unknown>): PresentedToken => ({
  clientId: str(body.clientId),
  clientSecret: str(body.clientSecret),
  refreshToken: opt(body.refreshToken),
  accessToken: typeof body.accessToken === 'object' && body.accessToken !== null ? { grantId: opt((body.accessToken as Record<string, unknown>).grantId) } : undefined,
});

/**
 * Identity's half of the vendor login: the state (apps and secrets, codes, openIds). The gateway's
 * `/oauth` speaks the protocol and signs tokens; it calls these with its verified context, scoped to
 * the corp the login happens in. Never forwarded from outside (`/internal` is not routed by the gateway).
 */
export function oauthRoutes(router: Router, kit: RouteKit<IdentityLoaders, IdentityServices>): void {
  const handle = (run: (body: Record<string, unknown>, ctx: IdentityContext) => Promise<unknown>) => async (req: Request, res: Response) => {
    const ctx = await kit.context(req);
    if (ctx.auth.role !== Role.SERVICE) throw errors.FORBIDDEN('Only the gateway calls the login routes');
    try {
      res.json(await run(req.body as Record<string, unknown>, ctx));
    } catch (error) {
      if (!(error instanceof OAuthFailure)) throw error;
      res.status(200).json({ oauthError: error.body, ...(error.grantRevoked ? { grantRevoked: true } : {}) });
    }
  };
  router.use('/internal/oauth', express.json({ limit: '16kb' }));
  router.post(
    '/internal/oauth/authorize',
    handle(async (body, { em }) => {
      const { app, installed } = await checkClient(em, str(body.clientId), str(body.redirectUri));
      return { app: { appId: app.appId, name: app.name, vendor: app.vendor }, installed, people: installed ? await signInCandidates(em) : [] };
    }),
  );
  router.post(
    '/internal/oauth/codes',
    handle(async (body, { em }) => ({
      code: await em.transactional((tx) =>
        issueCode(tx, {
          clientId: str(body.clientId),
          redirectUri: str(body.redirectUri),
          unionId: str(body.unionId),
          codeChallenge: opt(body.codeChallenge),
          codeChallengeMethod: opt(body.codeChallengeMethod),
          nonce: opt(body.nonce),
          scope: opt(body.scope),
          ttlSeconds: seconds(body.ttlSeconds, 60),
        }),
      ),
    })),
  );
  router.post(
    '/internal/oauth/token',
    handle(async (body, { em }) => {
      const clientId = str(body.clientId);
      const clientSecret = str(body.clientSecret);
      const refreshTokenTtlSeconds = seconds(body.refreshTokenTtlSeconds, DEFAULT_REFRESH_TOKEN_TTL_SECONDS);
      if (body.grantType === 'client_credentials') return clientCredentials(em, clientId, clientSecret);
      if (body.grantType === 'refresh_token') return refreshGrant(em, { clientId, clientSecret, refreshToken: str(body.refreshToken), scope: opt(body.scope), ttlSeconds: refreshTokenTtlSeconds });
      return redeemCode(em, { clientId, clientSecret, code: str(body.code), redirectUri: str(body.redirectUri), codeVerifier: opt(body.codeVerifier), refreshTokenTtlSeconds });
    }),
  );
  router.post(
    '/internal/oauth/revoke',
    handle((body, { em }) => revokeToken(em, presentedToken(body))),
  );
  router.post(
    '/internal/oauth/introspect',
    handle((body, { em }) => introspectToken(em, presentedToken(body))),
  );
  router.post(
    '/internal/oauth/userinfo',
    handle(async (body, { em }) => ({ claims: await userInfo(em, { appId: str(body.appId), grantId: str(body.grantId) }) })),
  );
}
