import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { corpIdOf, type Role } from '@corphub/module-kit';
import { App } from '../apps/app.entity';
import { AppIntegration } from '../apps/app-integration.entity';
import { Installation } from '../apps/installation.entity';
import { OpenId } from '../open-ids/open-id.entity';
import { Person } from '../people/person.entity';
import { verifySecret } from '../ids';
import { AuthorizationCode } from './authorization-code.entity';
import { RefreshToken } from './refresh-token.entity';
import { FIRST_PARTY_CLIENTS, isFirstPartyClient, signInRole } from './first-party';

/** An OAuth 2 error (RFC 6749 §4.1.2.1, §5.2), answered by the gateway in the spec's shape. */
export interface OAuthError {
  error:
    | 'invalid_request'
    | 'invalid_client'
    | 'invalid_grant'
    | 'unauthorized_client'
    | 'unsupported_grant_type'
    | 'invalid_scope'
    | 'access_denied'
    | 'invalid_redirect_uri'
    // RFC 6750 §3.1 (userinfo) and RFC 7009 §2.2.1 (revocation)
    | 'invalid_token'
    | 'unsupported_token_type';
  error_description: string;
}

export class OAuthFailure extends Error {
  /** `grantRevoked`: the failure revoked a grant (a replayed code), so gateways drop their cached access facts. */
  constructor(
    readonly body: OAuthError,
    readonly grantRevoked = false,
  ) {
    super(body.error_description);
  }
}

/**
 * How far back revoked grants are reported to gateways: longer than any access token of a grant lives after its
 * revocation (the gateway refuses a CORPHUB_OAUTH_TOKEN_TTL_SECONDS above it).
 */
export const REVOKED_GRANT_WINDOW_SECONDS = 86_400;

export const fail = (error: OAuthError['error'], description: string): never => {
  throw new OAuthFailure({ error, error_description: description });
};

const sha256 = (value: string) => createHash('sha256').update(value).digest();
/** What is stored of a code or a refresh token. */
export const tokenHashOf = (token: string) => sha256(token).toString('hex');

/**
 * A code or refresh token names its corp (base64url, so the gateway can scope the redemption: `corpOfToken` in
 * the gateway's oauth router) and 32 random bytes; only its hash is stored.
 */
export function newCorpToken(corpId: string): string {
  return `${Buffer.from(corpId).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
}

/** The client (app) the request names, with its registered redirect URIs; refuses unknown apps and unregistered URIs. */
export async function checkClient(em: EntityManager, clientId: string, redirectUri: string): Promise<{ app: Pick<App, 'appId' | 'name' | 'vendor'>; installed: boolean }> {
  if (isFirstPartyClient(clientId)) return { app: { appId: clientId, ...FIRST_PARTY_CLIENTS[clientId] }, installed: true };
  const app = clientId ? await em.findOne(App, { appId: clientId }) : null;
  if (!app) fail('invalid_client', `Unknown client_id "${clientId}"`);
  const integration = await em.findOne(AppIntegration, { appId: clientId });
  if (!redirectUri || !integration?.redirectUris.includes(redirectUri)) {
    fail('invalid_redirect_uri', `redirect_uri "${redirectUri}" is not registered for app "${clientId}"`);
  }
  const installation = await em.findOne(Installation, { app: clientId });
  return { app: app!, installed: installation?.isInstalled ?? false };
}

/** The people the development sign-in page lists (the corp's first 100). */
export async function signInCandidates(em: EntityManager): Promise<{ unionId: string; displayName: string }[]> {
  const people = await em.find(Person, {}, { orderBy: { createdAt: 'asc', unionId: 'asc' }, limit: 100 });
  return people.map(({ unionId, displayName }) => ({ unionId, displayName }));
}

export interface CodeRequest {
  clientId: string;
  redirectUri: string;
  unionId: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  nonce?: string;
  scope?: string;
  ttlSeconds: number;
}

export async function issueCode(em: EntityManager, request: CodeRequest): Promise<string> {
  const { installed } = await checkClient(em, request.clientId, request.redirectUri);
  if (!installed) fail('access_denied', `App "${request.clientId}" is not installed in corp "${corpIdOf(em)}"`);
  if (!(await em.findOne(Person, { unionId: request.unionId }))) fail('access_denied', `No such person in corp "${corpIdOf(em)}"`);
  // RFC 7636 §4.3: no method means plain, which the hub refuses (the gateway already did; this keeps the store honest)
  if (request.codeChallenge && request.codeChallengeMethod !== 'S256') fail('invalid_request', 'code_challenge_method must be S256');
  // a public client has no secret: the PKCE verifier is what proves the code's redeemer started the sign-in
  if (isFirstPartyClient(request.clientId) && !request.codeChallenge) fail('invalid_request', 'A public client must send a PKCE code_challenge (S256)');
  const code = newCorpToken(corpIdOf(em));
  em.persist(
    new AuthorizationCode({
      codeHash: tokenHashOf(code),
      appId: request.clientId,
      unionId: request.unionId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge ?? null,
      codeChallengeMethod: request.codeChallenge ? 'S256' : null,
      nonce: request.nonce ?? null,
      scope: request.scope ?? null,
      expiresAt: new Date(Date.now() + request.ttlSeconds * 1000),
    }),
  );
  await em.flush();
  return code;
}

/** Client authentication (RFC 6749 §2.3.1): the app secret against its scrypt hash. */
export async function authenticateClient(em: EntityManager, clientId: string, clientSecret: string): Promise<App | undefined> {
  // public clients (RFC 6749 §2.1) have no secret; PKCE binds their codes instead
  if (isFirstPartyClient(clientId) && !clientSecret) return undefined;
  const app = clientId ? await em.findOne(App, { appId: clientId }) : null;
  // an unknown app and a wrong secret answer alike
  if (!app || !clientSecret || !(await verifySecret(clientSecret, app.secretHash))) fail('invalid_client', 'Client authentication failed');
  return app!;
}

export interface CodeRedemption {
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
  codeVerifier?: string;
  /** Lifetime of the refresh token issued with the access token. */
  refreshTokenTtlSeconds: number;
}

export interface RedeemedCode {
  appId: string;
  corpId: string;
  unionId: string;
  openId: string;
  nonce: string | null;
  scope: string | null;
  /** Goes into the access token (`grant_id`): revoked if the code is presented again (null: a code from before grants). */
  grantId: string | null;
  /** Issued with every grant that has an id: rotated at each use (`refreshGrant`). */
  refreshToken: string | null;
  /** First-party clients only: the role the person's token carries (theirs, not an app's), and a department admin's department. */
  role?: Role;
  department?: string;
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Exchanges a code (RFC 6749 §4.1.3): one time only, before it expires, at the redirect URI it was issued for, with the PKCE verifier. */
export async function redeemCode(em: EntityManager, request: CodeRedemption): Promise<RedeemedCode> {
  await authenticateClient(em, request.clientId, request.clientSecret);
  if (!request.code) fail('invalid_request', 'code is required');
  const codeHash = tokenHashOf(request.code);
  const grant = await em.findOne(AuthorizationCode, { codeHash });
  if (!grant || grant.appId !== request.clientId) fail('invalid_grant', 'The authorization code is invalid');
  if (grant!.usedAt) await refuseReplay(em, codeHash);
  if (grant!.expiresAt.getTime() <= Date.now()) fail('invalid_grant', 'The authorization code has expired');
  if (request.redirectUri !== grant!.redirectUri) fail('invalid_grant', 'redirect_uri does not match the one the code was issued for');
  if (grant!.codeChallenge) {
    const verifier = request.codeVerifier ?? '';
    if (!VERIFIER.test(verifier)) fail('invalid_grant', 'code_verifier is missing or malformed (RFC 7636 §4.1)');
    if (grant!.codeChallengeMethod !== 'S256' || sha256(verifier).toString('base64url') !== grant!.codeChallenge) fail('invalid_grant', 'code_verifier does not match the code_challenge');
  }
  // one time: of two concurrent redemptions only one flips usedAt
  const taken = await em.nativeUpdate(AuthorizationCode, { codeHash, usedAt: null }, { usedAt: new Date() });
  if (taken !== 1) await refuseReplay(em, codeHash);
  const grantId = grant!.grantId ?? null;
  if (isFirstPartyClient(request.clientId)) {
    // no app, no openId: the person signs in as themself; tokens stay in the browser's memory, so no refresh token
    const role = await signInRole(em, grant!.unionId);
    return { appId: request.clientId, corpId: corpIdOf(em), unionId: grant!.unionId, openId: grant!.unionId, nonce: grant!.nonce ?? null, scope: grant!.scope ?? null, grantId, refreshToken: null, ...role };
  }
  const openId = await openIdOfGrant(em, request.clientId, grant!.unionId);
  const refreshToken = grantId ? await issueRefreshToken(em, { grantId, appId: request.clientId, ttlSeconds: request.refreshTokenTtlSeconds }) : null;
  return { appId: request.clientId, corpId: corpIdOf(em), unionId: grant!.unionId, openId, nonce: grant!.nonce ?? null, scope: grant!.scope ?? null, grantId, refreshToken };
}

/** The person's openId for the app, while the app is installed in the corp: what a grant's tokens are issued for. */
export async function openIdOfGrant(em: EntityManager, appId: string, unionId: string): Promise<string> {
  const installation = await em.findOne(Installation, { app: appId });
  if (!installation?.isInstalled) fail('invalid_grant', `App "${appId}" is no longer installed in this corp`);
  const mapping = await em.findOne(OpenId, { app: appId, person: unionId });
  if (!mapping) fail('invalid_grant', 'The person has no openId for this app');
  return mapping!.openId;
}

/** A new refresh token of the grant's family; only its hash is stored. */
export async function issueRefreshToken(em: EntityManager, fields: { grantId: string; appId: string; ttlSeconds: number }): Promise<string> {
  const token = newCorpToken(corpIdOf(em));
  em.persist(new RefreshToken({ tokenHash: tokenHashOf(token), grantId: fields.grantId, appId: fields.appId, expiresAt: new Date(Date.now() + fields.ttlSeconds * 1000) }));
  await em.flush();
  return token;
}

/**
 * RFC 6749 §4.1.2: a code used twice is refused, and the tokens already issued from it are revoked — the
 * first exchange may have been the attacker's. Committed at once (not in a transaction the refusal rolls back).
 */
async function refuseReplay(em: EntityManager, codeHash: string): Promise<never> {
  await em.nativeUpdate(AuthorizationCode, { codeHash, revokedAt: null }, { revokedAt: new Date() });
  throw new OAuthFailure({ error: 'invalid_grant', error_description: 'The authorization code was already used' }, true);
}

/** The app's grants revoked in the caller's corp whose access tokens may still be alive (none is issued after the revocation). */
export async function revokedGrants(em: EntityManager, appId: string | string[]): Promise<string[]> {
  const since = new Date(Date.now() - REVOKED_GRANT_WINDOW_SECONDS * 1000);
  const rows = await em.find(AuthorizationCode, { appId: Array.isArray(appId) ? { $in: appId } : appId, revokedAt: { $gt: since } }, { fields: ['grantId'], orderBy: { revokedAt: 'asc' } });
  return rows.flatMap((row) => (row.grantId ? [row.grantId] : []));
}

/** Client credentials (RFC 6749 §4.4): the app's own token, in a corp that installed it. */
export async function clientCredentials(em: EntityManager, clientId: string, clientSecret: string): Promise<{ appId: string; corpId: string }> {
  await authenticateClient(em, clientId, clientSecret);
  const installation = await em.findOne(Installation, { app: clientId });
  if (!installation?.isInstalled) fail('unauthorized_client', `App "${clientId}" is not installed in corp "${corpIdOf(em)}"`);
  return { appId: clientId, corpId: corpIdOf(em) };
}
