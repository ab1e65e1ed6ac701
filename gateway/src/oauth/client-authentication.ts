import type { Request } from 'express';
import type { OAuthError } from './login-state';
import { isFirstPartyClient } from './first-party';

/** How a confidential client authenticates (RFC 6749 §2.3.1), at the token, revocation and introspection endpoints. */
export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];
/** The hub's own public clients authenticate with none (PKCE binds their codes). */
export const PUBLIC_CLIENT_AUTH_METHODS = [...CLIENT_AUTH_METHODS, 'none'];

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

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
 * The client's credentials: client_secret_basic or client_secret_post, not both. The login state checks the
 * secret; this only reads it, or answers the error.
 */
export function clientCredentialsOf(req: Request, body: Record<string, unknown>): { clientId: string; clientSecret: string } | OAuthError {
  const basic = basicCredentials(req.header('authorization'));
  if (basic === 'malformed') return { error: 'invalid_client', error_description: 'The Authorization header is not valid Basic credentials' };
  if (basic && (body.client_secret !== undefined || (body.client_id !== undefined && body.client_id !== basic.clientId))) {
    return { error: 'invalid_request', error_description: 'Use one client authentication method: Basic credentials or client_id and client_secret in the body' };
  }
  const clientId = basic?.clientId ?? str(body.client_id);
  const clientSecret = basic?.clientSecret ?? str(body.client_secret);
  // a public client (the hub's own browser apps) names itself and has no secret (RFC 6749 §2.3.1, "none")
  if (!basic && !clientSecret && isFirstPartyClient(clientId)) return { clientId, clientSecret: '' };
  if (!clientId || !clientSecret) return { error: 'invalid_client', error_description: 'Client authentication is required: Basic credentials or client_id and client_secret' };
  return { clientId, clientSecret };
}
