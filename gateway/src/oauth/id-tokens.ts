import type { KeyObject } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import { ConfigError } from '@corphub/module-kit/core';
import { SigningKey } from '../auth/tokens';

/** The JWS algorithm of an ID-token key: P-256 is ES256, Ed25519 EdDSA, RSA (2048 bits or more) RS256. */
function idTokenAlgorithm(key: KeyObject): 'ES256' | 'EdDSA' | 'RS256' {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return 'RS256';
  throw new ConfigError(`CORPHUB_OIDC_SIGNING_KEY must be a P-256, Ed25519 or RSA (2048+ bits) key, not ${key.asymmetricKeyType}`);
}

export interface IdTokenClaims {
  issuer: string;
  /** The person's openId for the app (pairwise). */
  subject: string;
  /** The client (app) it is for. */
  audience: string;
  ttlSeconds: number;
  /** `unionid`, `corp_id`, `nonce`. */
  claims: Record<string, string>;
}

/**
 * Signs ID tokens (OpenID Connect Core §2) with the hub's asymmetric key (CORPHUB_OIDC_SIGNING_KEY), whose public
 * half is the jwks_uri, so that any client verifies them, a public one too; `kid` is the key's RFC 7638 thumbprint.
 */
export class IdTokenSigner {
  private readonly key: SigningKey;

  constructor(privateKeyPem: string) {
    this.key = new SigningKey(privateKeyPem, 'CORPHUB_OIDC_SIGNING_KEY must be a PKCS8 PEM private key (P-256, Ed25519 or RSA)', idTokenAlgorithm);
  }

  get algorithm(): string {
    return this.key.header.alg;
  }

  jwks(): { keys: JWK[] } {
    return this.key.jwks();
  }

  sign({ issuer, subject, audience, ttlSeconds, claims }: IdTokenClaims): Promise<string> {
    return new SignJWT(claims).setProtectedHeader(this.key.header).setIssuer(issuer).setSubject(subject).setAudience(audience).setIssuedAt().setExpirationTime(`${ttlSeconds}s`).sign(this.key.key);
  }
}
