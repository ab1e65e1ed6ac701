import * as oauth from 'oauth4webapi';

/**
 * Sign-in as a first-party public client of the hub's OAuth server: authorization code with PKCE S256
 * (oauth4webapi). The access token lives in this module's memory only, never in localStorage or a cookie:
 * a reload signs in again. Only the PKCE verifier and state cross the redirect, in sessionStorage.
 */
export const CLIENT_ID = 'corphub-console';
const PENDING_KEY = 'corphub-console:sign-in';

export interface Session {
  accessToken: string;
  expiresAt: number;
}

let session: Session | undefined;

/** The hub's base URL: where /console is served from (CORPHUB_PUBLIC_URL in production). */
export function hubBase(): string {
  const at = location.pathname.indexOf('/console');
  return location.origin + (at > 0 ? location.pathname.slice(0, at) : '');
}

const redirectUri = () => `${hubBase()}/console/callback`;
const client: oauth.Client = { client_id: CLIENT_ID, token_endpoint_auth_method: 'none' };
// development hubs answer on http://localhost; production ones on https (oauth4webapi refuses http unless told)
const transport = () => (location.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {});

let server: Promise<oauth.AuthorizationServer> | undefined;
function authorizationServer(): Promise<oauth.AuthorizationServer> {
  server ??= (async () => {
    const issuer = new URL(hubBase());
    const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...transport() });
    return oauth.processDiscoveryResponse(issuer, response);
  })();
  server.catch(() => (server = undefined));
  return server;
}

export const currentSession = (): Session | undefined => (session && session.expiresAt > Date.now() ? session : undefined);

/** Sends the browser to the hub's sign-in page; `returnTo` is the console path to come back to. */
export async function signIn(returnTo: string): Promise<void> {
  const as = await authorizationServer();
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: 'openid profile',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

/** At /console/callback: exchanges the code for the token (kept in memory); returns the path to go back to. */
export async function completeSignIn(callbackUrl: URL): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending) throw new Error('This sign-in was not started here (or was already finished). Sign in again.');
  const as = await authorizationServer();
  const params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.verifier, transport());
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  session = { accessToken: result.access_token, expiresAt: Date.now() + (result.expires_in ?? 3600) * 1000 };
  return pending.returnTo.startsWith('/') ? pending.returnTo : '/';
}

/** Revokes the token at the hub (RFC 7009) and forgets it. */
export async function signOut(): Promise<void> {
  const token = session?.accessToken;
  session = undefined;
  if (!token) return;
  const as = await authorizationServer();
  const response = await oauth.revocationRequest(as, client, oauth.None(), token, transport());
  await oauth.processRevocationResponse(response);
}
