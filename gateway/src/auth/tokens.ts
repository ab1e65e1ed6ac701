import { createPrivateKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWK, type JWTVerifyGetKey } from 'jose';
import {
  asUnauthenticated,
  CALLER_AUDIENCE,
  ConfigError,
  contextAlgorithm,
  encoder,
  fromClaims,
  hubSecret,
  INTERNAL_CONTEXT_TTL,
  ISSUER,
  Role,
  SERVICE_AUDIENCE,
  signatureJwk,
  signToken,
  signWith,
  unauthenticated,
  type AuthContext,
  type CorphubClaims,
  type SecurityConfig,
} from '@corphub/module-kit/core';

/** Caller tokens and the verified context's signing key: what only the gateway (and the hub's tools) sign or check. */

export function signCallerToken(auth: AuthContext, secret: string, expiresIn: string | number = '12h'): Promise<string> {
  return signToken(auth, secret, CALLER_AUDIENCE, expiresIn);
}

export { bearerToken } from '@corphub/module-kit/core';

/** Verifies caller tokens: HS256 with the shared secret, or a JWKS from an external sign-in provider (IdP). */
export class CallerTokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;

  constructor(private readonly config: SecurityConfig) {
    if (config.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  async verify(token: string | undefined): Promise<AuthContext> {
    if (!token) throw unauthenticated('Missing bearer token: send Authorization: Bearer <token>');
    if (audienceOf(token) === SERVICE_AUDIENCE) return verifyServiceToken(token, hubSecret(this.config));
    try {
      const options = { issuer: ISSUER, audience: CALLER_AUDIENCE };
      const { payload } = this.jwks
        ? await jwtVerify<CorphubClaims>(token, this.jwks, options)
        : await jwtVerify<CorphubClaims>(token, encoder.encode(this.config.jwtSecret), { ...options, algorithms: ['HS256'] });
      return fromClaims(payload);
    } catch (error) {
      throw asUnauthenticated(error);
    }
  }
}

/**
 * An asymmetric signing key from a PKCS8 PEM: the key, the JWS header that names it (`kid`: its RFC 7638
 * thumbprint) and its public half as a JWK. `invalid`: the configuration error for a PEM that is no such key.
 */
export class SigningKey {
  readonly key: KeyObject;
  readonly header: { alg: string; typ: string; kid: string };
  readonly publicJwk: JWK;

  constructor(privateKeyPem: string, invalid: string, algorithmOf: (key: KeyObject) => string) {
    try {
      this.key = createPrivateKey(privateKeyPem);
    } catch {
      throw new ConfigError(invalid);
    }
    const alg = algorithmOf(this.key);
    this.publicJwk = signatureJwk(this.key, alg);
    this.header = { alg, typ: 'JWT', kid: this.publicJwk.kid! };
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }
}

/**
 * The gateway's key for the verified context: signs it with the private key (PKCS8 PEM, Ed25519 or P-256)
 * and publishes the public half as a JWKS (`CONTEXT_KEYS_PATH`).
 */
export class ContextSigningKey extends SigningKey {
  constructor(privateKeyPem: string, variable = 'CORPHUB_CONTEXT_PRIVATE_KEY') {
    super(privateKeyPem, `${variable} must be a PKCS8 PEM private key (Ed25519 or P-256)`, contextAlgorithm);
  }

  /**
   * `audience`: `subgraphAudience(name)`, or a list of them for a context several subgraphs accept (the
   * benchmark's peer gateways replay one); `expiresIn` is for the benchmark too, the gateway keeps the default.
   */
  sign(auth: AuthContext, audience: string | string[], expiresIn: string | number = INTERNAL_CONTEXT_TTL): Promise<string> {
    return signWith(auth, this.key, this.header, audience, expiresIn);
  }
}

/**
 * The verified context's keys of one gateway: the key it signs with, and the JWKS it publishes, which lists the
 * current key and, during a rotation (`CORPHUB_CONTEXT_NEXT_PRIVATE_KEY`), the next one, so that gateway replicas
 * switch to the next key one at a time while every subgraph accepts both (docs/operations.md, key rotation).
 */
export class ContextKeys {
  readonly signing: ContextSigningKey;
  private readonly published: { keys: JWK[] };

  constructor(security: Pick<SecurityConfig, 'contextPrivateKey' | 'contextNextPrivateKey' | 'contextSignWith'>) {
    if (!security.contextPrivateKey) throw new ConfigError('The gateway needs CORPHUB_CONTEXT_PRIVATE_KEY to sign the verified context');
    const current = new ContextSigningKey(security.contextPrivateKey);
    const next = security.contextNextPrivateKey ? new ContextSigningKey(security.contextNextPrivateKey, 'CORPHUB_CONTEXT_NEXT_PRIVATE_KEY') : undefined;
    if (security.contextSignWith === 'next' && !next) throw new ConfigError('CORPHUB_CONTEXT_SIGN_WITH=next needs CORPHUB_CONTEXT_NEXT_PRIVATE_KEY');
    this.signing = security.contextSignWith === 'next' ? next! : current;
    this.published = { keys: [current.publicJwk, ...(next && next.publicJwk.kid !== current.publicJwk.kid ? [next.publicJwk] : [])] };
  }

  jwks(): { keys: JWK[] } {
    return this.published;
  }
}

async function verifyServiceToken(token: string, internalSecret: string): Promise<AuthContext> {
  try {
    const { payload } = await jwtVerify<CorphubClaims>(token, encoder.encode(internalSecret), {
      issuer: ISSUER,
      audience: SERVICE_AUDIENCE,
      algorithms: ['HS256'],
    });
    const auth = fromClaims(payload);
    if (auth.role !== Role.SERVICE) throw unauthenticated('A service token carries the service role only');
    return auth;
  } catch (error) {
    throw asUnauthenticated(error);
  }
}

function audienceOf(token: string): unknown {
  try {
    return decodeJwt(token).aud;
  } catch {
    return undefined;
  }
}
