import type { Request, Response } from 'express';
import { CLIENT_AUTH_METHODS, PUBLIC_CLIENT_AUTH_METHODS } from './client-authentication';

/** Where each endpoint lives under the issuer (the router is mounted at /oauth). */
export const OAUTH_PATHS = {
  authorize: '/oauth/authorize',
  token: '/oauth/token',
  userinfo: '/oauth/userinfo',
  jwks: '/oauth/jwks',
  revoke: '/oauth/revoke',
  introspect: '/oauth/introspect',
} as const;

/** The scopes the UserInfo endpoint acts on: `openid`, `profile` (name), `email`. */
export const SCOPES = ['openid', 'profile', 'email'];

/**
 * OpenID Connect Discovery 1.0 §3 (with the RFC 8414 members for revocation, introspection and PKCE), every URL
 * built from the issuer, which is configuration (CORPHUB_PUBLIC_URL), never the request's Host header.
 */
export function openIdConfiguration(issuer: () => string, idTokenAlgorithm: string) {
  return (_req: Request, res: Response): void => {
    const base = issuer();
    res.set('cache-control', 'public, max-age=300').json({
      issuer: base,
      authorization_endpoint: base + OAUTH_PATHS.authorize,
      token_endpoint: base + OAUTH_PATHS.token,
      userinfo_endpoint: base + OAUTH_PATHS.userinfo,
      jwks_uri: base + OAUTH_PATHS.jwks,
      revocation_endpoint: base + OAUTH_PATHS.revoke,
      introspection_endpoint: base + OAUTH_PATHS.introspect,
      scopes_supported: SCOPES,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      // `sub` is the person's openId, different in every app
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: [idTokenAlgorithm],
      token_endpoint_auth_methods_supported: PUBLIC_CLIENT_AUTH_METHODS,
      revocation_endpoint_auth_methods_supported: PUBLIC_CLIENT_AUTH_METHODS,
      introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'unionid', 'corp_id', 'name', 'email'],
      code_challenge_methods_supported: ['S256'],
      // RFC 9207: the authorization response names its issuer (`iss`)
      authorization_response_iss_parameter_supported: true,
      // Discovery §3 defaults request_uri_parameter_supported to true: say that none of these is supported
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
    });
  };
}
