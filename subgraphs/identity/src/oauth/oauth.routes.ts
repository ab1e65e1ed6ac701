import express, { type Request, type Response, type Router } from 'express';
import { errors, Role, type RouteKit } from '@corphub/module-kit';
import type { IdentityContext } from '../context';
import type { IdentityLoaders } from '../loaders';
import type { IdentityServices } from '../services';
import { checkClient, clientCredentials, issueCode, OAuthFailure, redeemCode, signInCandidates } from './oauth.service';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const opt = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

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
          ttlSeconds: Number(body.ttlSeconds) > 0 ? Number(body.ttlSeconds) : 60,
        }),
      ),
    })),
  );
  router.post(
    '/internal/oauth/token',
    handle(async (body, { em }) => {
      const clientId = str(body.clientId);
      const clientSecret = str(body.clientSecret);
      if (body.grantType === 'client_credentials') return clientCredentials(em, clientId, clientSecret);
      return redeemCode(em, { clientId, clientSecret, code: str(body.code), redirectUri: str(body.redirectUri), codeVerifier: opt(body.codeVerifier) });
    }),
  );
}
