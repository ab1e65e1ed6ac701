import type { EntityManager } from '@mikro-orm/core';
import { corpIdOf } from '@corphub/module-kit';
import { Installation } from '../apps/installation.entity';
import { OpenId } from '../open-ids/open-id.entity';
import { Person } from '../people/person.entity';
import { AuthorizationCode } from './authorization-code.entity';
import { RefreshToken } from './refresh-token.entity';
import { authenticateClient, fail, issueRefreshToken, OAuthFailure, openIdOfGrant, tokenHashOf, type RedeemedCode } from './oauth.service';

/**
 * What follows an authorization code: its grant (`AuthorizationCode.grantId`), the refresh tokens of that grant's
 * family, their rotation (RFC 6749 §6), revocation (RFC 7009), introspection (RFC 7662) and the person's claims
 * for the UserInfo endpoint (OpenID Connect Core §5.3). The gateway speaks those protocols; this is their state.
 */

/** A space-delimited scope (RFC 6749 §3.3) as its set of tokens. */
const scopeTokens = (scope: string | null | undefined) => new Set((scope ?? '').split(' ').filter(Boolean));

/** Revokes a grant: its access tokens (by `grant_id`) and its refresh tokens are refused from now on. Committed at once. */
async function revokeGrant(em: EntityManager, grantId: string): Promise<void> {
  await em.nativeUpdate(AuthorizationCode, { grantId, revokedAt: null }, { revokedAt: new Date() });
}

export interface RefreshRequest {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** A narrower scope than the grant's (RFC 6749 §6); the grant's when absent. */
  scope?: string;
  ttlSeconds: number;
}

/**
 * `grant_type=refresh_token` (RFC 6749 §6): one use per token, a successor in the same family. A rotated token
 * presented again means that it leaked (the client or the attacker used it first): the whole grant is revoked.
 */
export async function refreshGrant(em: EntityManager, request: RefreshRequest): Promise<RedeemedCode> {
  await authenticateClient(em, request.clientId, request.clientSecret);
  if (!request.refreshToken) fail('invalid_request', 'refresh_token is required');
  const tokenHash = tokenHashOf(request.refreshToken);
  const token = await em.findOne(RefreshToken, { tokenHash });
  if (!token || token.appId !== request.clientId) fail('invalid_grant', 'The refresh token is invalid');
  const grant = await em.findOne(AuthorizationCode, { grantId: token!.grantId });
  if (!grant || grant.revokedAt) fail('invalid_grant', 'The refresh token was revoked');
  if (token!.rotatedAt) await refuseReuse(em, token!.grantId);
  if (token!.expiresAt.getTime() <= Date.now()) fail('invalid_grant', 'The refresh token has expired');
  const granted = scopeTokens(grant!.scope);
  const requested = request.scope === undefined ? granted : scopeTokens(request.scope);
  if ([...requested].some((scope) => !granted.has(scope))) fail('invalid_scope', 'The requested scope exceeds the scope the person granted');
  // one use: of two concurrent refreshes with one token only one rotates it, the other is reuse
  const rotated = await em.nativeUpdate(RefreshToken, { tokenHash, rotatedAt: null }, { rotatedAt: new Date() });
  if (rotated !== 1) await refuseReuse(em, token!.grantId);
  const openId = await openIdOfGrant(em, request.clientId, grant!.unionId);
  const refreshToken = await issueRefreshToken(em, { grantId: token!.grantId, appId: request.clientId, ttlSeconds: request.ttlSeconds });
  return {
    appId: request.clientId,
    corpId: corpIdOf(em),
    unionId: grant!.unionId,
    openId,
    // OpenID Connect Core §12.2: an ID token from a refresh has no nonce
    nonce: null,
    scope: request.scope === undefined ? (grant!.scope ?? null) : [...requested].join(' '),
    grantId: token!.grantId,
    refreshToken,
  };
}

/** OAuth 2.0 Security BCP §4.14.2: reuse of a rotated refresh token revokes its family and the family's access tokens. */
async function refuseReuse(em: EntityManager, grantId: string): Promise<never> {
  await revokeGrant(em, grantId);
  throw new OAuthFailure({ error: 'invalid_grant', error_description: 'The refresh token was already used: its grant is revoked' }, true);
}

/**
 * A token as the gateway found it: a refresh token (opaque), or an access token it verified, issued to this client
 * (`grantId`: its `grant_id`; absent for a client-credentials token, which has no grant). Neither: the gateway only
 * needs the client authenticated (the token is not one of the client's).
 */
export interface PresentedToken {
  clientId: string;
  clientSecret: string;
  refreshToken?: string;
  accessToken?: { grantId?: string };
}

/** The refresh token presented, if it exists in this corp; a token issued to another client is refused (RFC 7009 §2.1). */
async function refreshTokenOf(em: EntityManager, clientId: string, token: string): Promise<RefreshToken | null> {
  const found = await em.findOne(RefreshToken, { tokenHash: tokenHashOf(token) });
  if (found && found.appId !== clientId) fail('invalid_request', 'The token was not issued to this client');
  return found;
}

/**
 * RFC 7009: revokes the grant of a refresh token or of an access token, so every token of it (RFC 7009 §2.1: the
 * access tokens of the same grant too). An unknown token is no error (§2.2). `grantRevoked`: gateways drop their
 * cached access facts, so that the access tokens are refused at once.
 */
export async function revokeToken(em: EntityManager, request: PresentedToken): Promise<{ grantRevoked: boolean }> {
  await authenticateClient(em, request.clientId, request.clientSecret);
  const grantId = request.refreshToken ? (await refreshTokenOf(em, request.clientId, request.refreshToken))?.grantId : request.accessToken?.grantId;
  const grant = grantId ? await em.findOne(AuthorizationCode, { grantId }) : null;
  if (!grant || grant.appId !== request.clientId || grant.revokedAt) return { grantRevoked: false };
  await revokeGrant(em, grant.grantId!);
  return { grantRevoked: true };
}

export interface IntrospectedToken {
  active: boolean;
  scope?: string;
  /** Refresh tokens only: what the gateway cannot read from the token itself. */
  openId?: string;
  unionId?: string;
  issuedAt?: number;
  expiresAt?: number;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * RFC 7662: whether a token of the authenticated client is active in this corp — its grant not revoked, the app
 * still installed; a refresh token also neither rotated nor expired. The gateway has checked an access token's
 * signature, expiry and client already.
 */
export async function introspectToken(em: EntityManager, request: PresentedToken): Promise<IntrospectedToken> {
  await authenticateClient(em, request.clientId, request.clientSecret);
  const inactive = { active: false };
  if (!request.refreshToken && !request.accessToken) return inactive;
  const token = request.refreshToken ? await em.findOne(RefreshToken, { tokenHash: tokenHashOf(request.refreshToken) }) : null;
  if (request.refreshToken && (!token || token.appId !== request.clientId || token.rotatedAt || token.expiresAt.getTime() <= Date.now())) return inactive;
  const grantId = token?.grantId ?? request.accessToken?.grantId;
  const grant = grantId ? await em.findOne(AuthorizationCode, { grantId }) : null;
  if (grantId && (!grant || grant.revokedAt || grant.appId !== request.clientId)) return inactive;
  const installation = await em.findOne(Installation, { app: request.clientId });
  if (!installation?.isInstalled) return inactive;
  if (!token || !grant) return { active: true, ...(grant?.scope ? { scope: grant.scope } : {}) };
  const mapping = await em.findOne(OpenId, { app: request.clientId, person: grant.unionId });
  if (!mapping) return inactive;
  return { active: true, ...(grant.scope ? { scope: grant.scope } : {}), openId: mapping.openId, unionId: grant.unionId, issuedAt: seconds(token.createdAt), expiresAt: seconds(token.expiresAt) };
}

/**
 * OpenID Connect Core §5.3: the claims about the person behind an access token — `sub` (the openId), `unionid` and
 * `corp_id` always, `name` with the `profile` scope, `email` with `email` — while its grant is live.
 */
export async function userInfo(em: EntityManager, request: { appId: string; grantId: string }): Promise<Record<string, string>> {
  const invalid = () => fail('invalid_token', 'The access token was revoked or its app is no longer installed');
  const grant = await em.findOne(AuthorizationCode, { grantId: request.grantId });
  if (!grant || grant.revokedAt || grant.appId !== request.appId) return invalid();
  const installation = await em.findOne(Installation, { app: request.appId });
  const mapping = await em.findOne(OpenId, { app: request.appId, person: grant.unionId });
  const person = await em.findOne(Person, { unionId: grant.unionId });
  if (!installation?.isInstalled || !mapping || !person) return invalid();
  const scope = scopeTokens(grant.scope);
  return {
    sub: mapping.openId,
    unionid: person.unionId,
    corp_id: corpIdOf(em),
    ...(scope.has('profile') ? { name: person.displayName } : {}),
    ...(scope.has('email') && person.email ? { email: person.email } : {}),
  };
}
