import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, DEV_CONTEXT_PRIVATE_KEY, DEV_CONTEXT_PUBLIC_KEY, DEV_INTERNAL_SECRET, DEV_JWT_SECRET, DEV_OIDC_SIGNING_KEY, readSecurityConfig } from '@corphub/module-kit';

const strong = (label: string) => `${label}-${'x'.repeat(40)}`;
const keys = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const oidcKey = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
const JWKS_URL = 'http://gateway:4000/.well-known/corphub-context-keys.json';
const gatewayEnv = { NODE_ENV: 'production', CORPHUB_JWT_SECRET: strong('jwt'), CORPHUB_INTERNAL_SECRET: strong('internal'), CORPHUB_CONTEXT_PRIVATE_KEY: keys.privateKey, CORPHUB_OIDC_SIGNING_KEY: oidcKey };

describe('security configuration', () => {
  it('uses the development secrets and key pair outside production', () => {
    expect(readSecurityConfig({})).toEqual({
      jwtSecret: DEV_JWT_SECRET,
      internalSecret: DEV_INTERNAL_SECRET,
      jwksUrl: undefined,
      contextPrivateKey: DEV_CONTEXT_PRIVATE_KEY,
      oidcSigningKey: DEV_OIDC_SIGNING_KEY,
      contextPublicKey: DEV_CONTEXT_PUBLIC_KEY,
      contextJwksUrl: undefined,
    });
    expect(readSecurityConfig({}, 'subgraph')).toMatchObject({ internalSecret: DEV_INTERNAL_SECRET, contextPrivateKey: undefined, oidcSigningKey: undefined, contextPublicKey: DEV_CONTEXT_PUBLIC_KEY });
  });

  it.each([
    ['no secrets at all', { CORPHUB_JWT_SECRET: '', CORPHUB_INTERNAL_SECRET: '', CORPHUB_CONTEXT_PRIVATE_KEY: '' }],
    ['the development JWT secret', { CORPHUB_JWT_SECRET: DEV_JWT_SECRET }],
    ['the development internal secret', { CORPHUB_INTERNAL_SECRET: DEV_INTERNAL_SECRET }],
    ['a short secret', { CORPHUB_JWT_SECRET: 'short' }],
    ['one secret for both keys', { CORPHUB_JWT_SECRET: strong('same'), CORPHUB_INTERNAL_SECRET: strong('same') }],
    ['no context private key', { CORPHUB_CONTEXT_PRIVATE_KEY: '' }],
    ['the development context private key', { CORPHUB_CONTEXT_PRIVATE_KEY: DEV_CONTEXT_PRIVATE_KEY }],
    ['the development context private key, line breaks changed', { CORPHUB_CONTEXT_PRIVATE_KEY: DEV_CONTEXT_PRIVATE_KEY.replace(/\n/g, '\r\n') }],
    ['the development context private key on one line', { CORPHUB_CONTEXT_PRIVATE_KEY: DEV_CONTEXT_PRIVATE_KEY.replace(/\n/g, '\\n') }],
    ['the development context public key', { CORPHUB_CONTEXT_PUBLIC_KEY: DEV_CONTEXT_PUBLIC_KEY }],
    ['no ID-token key', { CORPHUB_OIDC_SIGNING_KEY: '' }],
    ['the development ID-token key', { CORPHUB_OIDC_SIGNING_KEY: DEV_OIDC_SIGNING_KEY }],
    ['the context key for ID tokens too', { CORPHUB_OIDC_SIGNING_KEY: keys.privateKey }],
  ])('refuses to start the gateway in production with %s', (_case, env) => {
    expect(() => readSecurityConfig({ ...gatewayEnv, ...env })).toThrow(ConfigError);
  });

  it('starts the gateway in production with strong, distinct secrets or a JWKS, and its own key pair', () => {
    expect(readSecurityConfig(gatewayEnv)).toMatchObject({ contextPrivateKey: keys.privateKey, contextPublicKey: keys.publicKey, oidcSigningKey: oidcKey });
    const { CORPHUB_JWT_SECRET: _jwt, CORPHUB_OIDC_SIGNING_KEY: _oidc, ...withoutJwt } = gatewayEnv;
    // with an identity provider's JWKS the hub signs nobody in, so it signs no ID tokens either
    expect(() => readSecurityConfig({ ...withoutJwt, CORPHUB_JWKS_URL: 'https://idp.example/jwks' })).not.toThrow();
  });

  it('reads a PEM whose line breaks are written as \\n (a one-line .env file)', () => {
    const oneLine = (text: string) => text.replace(/\n/g, '\\n');
    expect(readSecurityConfig({ ...gatewayEnv, CORPHUB_CONTEXT_PRIVATE_KEY: oneLine(keys.privateKey) })).toMatchObject({ contextPrivateKey: keys.privateKey, contextPublicKey: keys.publicKey });
    expect(readSecurityConfig({ CORPHUB_CONTEXT_PUBLIC_KEY: oneLine(keys.publicKey) }, 'vendor').contextPublicKey).toBe(keys.publicKey);
  });

  it('starts a hub subgraph in production with the internal secret and the public key or JWKS URL', () => {
    const withKey = readSecurityConfig({ NODE_ENV: 'production', CORPHUB_INTERNAL_SECRET: strong('internal'), CORPHUB_CONTEXT_PUBLIC_KEY: keys.publicKey }, 'subgraph');
    expect(withKey).toMatchObject({ internalSecret: strong('internal'), contextPublicKey: keys.publicKey, contextPrivateKey: undefined });
    const withJwks = readSecurityConfig({ NODE_ENV: 'production', CORPHUB_INTERNAL_SECRET: strong('internal'), CORPHUB_CONTEXT_JWKS_URL: JWKS_URL }, 'subgraph');
    expect(withJwks).toMatchObject({ contextJwksUrl: JWKS_URL, contextPublicKey: undefined });
    expect(() => readSecurityConfig({ NODE_ENV: 'production', CORPHUB_CONTEXT_JWKS_URL: JWKS_URL }, 'subgraph')).toThrow(/CORPHUB_INTERNAL_SECRET/);
    expect(() => readSecurityConfig({ NODE_ENV: 'production', CORPHUB_INTERNAL_SECRET: strong('internal') }, 'subgraph')).toThrow(/CORPHUB_CONTEXT_JWKS_URL/);
    expect(() => readSecurityConfig({ NODE_ENV: 'production', CORPHUB_INTERNAL_SECRET: strong('internal'), CORPHUB_CONTEXT_PUBLIC_KEY: DEV_CONTEXT_PUBLIC_KEY }, 'subgraph')).toThrow(/development key/);
  });

  it('starts a vendor module in production with the JWKS URL alone, and gives it no hub secret', () => {
    const vendor = readSecurityConfig({ NODE_ENV: 'production', CORPHUB_CONTEXT_JWKS_URL: JWKS_URL, CORPHUB_INTERNAL_SECRET: strong('internal') }, 'vendor');
    expect(vendor).toMatchObject({ contextJwksUrl: JWKS_URL, internalSecret: undefined, contextPrivateKey: undefined });
    expect(() => readSecurityConfig({ NODE_ENV: 'production' }, 'vendor')).toThrow(/CORPHUB_CONTEXT_JWKS_URL/);
  });

  describe('a key rotation of the verified context', () => {
    const next = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

    it('gives the gateway the next key, signing with it only when told, and its hub subgraphs both public keys', () => {
      const publishing = readSecurityConfig({ ...gatewayEnv, CORPHUB_CONTEXT_NEXT_PRIVATE_KEY: next.privateKey });
      expect(publishing).toMatchObject({ contextPrivateKey: keys.privateKey, contextNextPrivateKey: next.privateKey, contextPublicKey: keys.publicKey, contextNextPublicKey: next.publicKey });
      expect(publishing.contextSignWith).toBeUndefined();
      expect(readSecurityConfig({ ...gatewayEnv, CORPHUB_CONTEXT_NEXT_PRIVATE_KEY: next.privateKey, CORPHUB_CONTEXT_SIGN_WITH: 'next' }).contextSignWith).toBe('next');
    });

    it.each([
      ['signing with a next key it does not have', { CORPHUB_CONTEXT_SIGN_WITH: 'next' }],
      ['a signing choice other than current or next', { CORPHUB_CONTEXT_NEXT_PRIVATE_KEY: next.privateKey, CORPHUB_CONTEXT_SIGN_WITH: 'newest' }],
      ['the current key as the next one', { CORPHUB_CONTEXT_NEXT_PRIVATE_KEY: keys.privateKey }],
      ['the development key as the next one', { CORPHUB_CONTEXT_NEXT_PRIVATE_KEY: DEV_CONTEXT_PRIVATE_KEY }],
      ['the ID-token key as the next one', { CORPHUB_CONTEXT_NEXT_PRIVATE_KEY: oidcKey }],
      ['a next key that is no private key', { CORPHUB_CONTEXT_NEXT_PRIVATE_KEY: next.publicKey }],
    ])('refuses to start the gateway with %s', (_case, env) => {
      expect(() => readSecurityConfig({ ...gatewayEnv, ...env })).toThrow(ConfigError);
    });

    it('gives a subgraph the next public key beside the current one, never the development one in production', () => {
      const subgraphEnv = { NODE_ENV: 'production', CORPHUB_INTERNAL_SECRET: strong('internal'), CORPHUB_CONTEXT_PUBLIC_KEY: keys.publicKey };
      expect(readSecurityConfig({ ...subgraphEnv, CORPHUB_CONTEXT_NEXT_PUBLIC_KEY: next.publicKey }, 'subgraph')).toMatchObject({ contextPublicKey: keys.publicKey, contextNextPublicKey: next.publicKey });
      expect(() => readSecurityConfig({ ...subgraphEnv, CORPHUB_CONTEXT_NEXT_PUBLIC_KEY: DEV_CONTEXT_PUBLIC_KEY }, 'subgraph')).toThrow(/development key/);
    });
  });
});
