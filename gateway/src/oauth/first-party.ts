/**
 * The hub's own browser apps as OAuth clients: public (no secret, RFC 6749 §2.1), PKCE S256 required, known to every
 * corp. Their redirect URIs are paths under the hub's public URL (the issuer), so the gateway checks them; the
 * login state knows the same client ids and issues their codes without an installation.
 */
const FIRST_PARTY_REDIRECT_PATHS: Record<string, readonly string[]> = {
  // the console's callback, and GraphiQL, which signs in with the console's client
  'corphub-console': ['/console/callback', '/graphiql'],
};

export const CONSOLE_CLIENT_ID = 'corphub-console';

export const isFirstPartyClient = (clientId: string): boolean => Object.hasOwn(FIRST_PARTY_REDIRECT_PATHS, clientId);

/** A first-party client's redirect URI is exactly one of its paths under the issuer (no query, no fragment). */
export function isFirstPartyRedirect(clientId: string, redirectUri: string, issuer: string): boolean {
  return (FIRST_PARTY_REDIRECT_PATHS[clientId] ?? []).some((path) => redirectUri === issuer + path);
}
