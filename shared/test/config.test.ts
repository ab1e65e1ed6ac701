import { ConfigError, DEV_INTERNAL_SECRET, DEV_JWT_SECRET, readSecurityConfig } from '@corphub/shared';

const strong = (label: string) => `${label}-${'x'.repeat(40)}`;

describe('security configuration', () => {
  it('uses the development secrets outside production', () => {
    expect(readSecurityConfig({})).toEqual({ jwtSecret: DEV_JWT_SECRET, internalSecret: DEV_INTERNAL_SECRET, jwksUrl: undefined });
  });

  it.each([
    ['no secrets at all', {}],
    ['the development JWT secret', { CORPHUB_JWT_SECRET: DEV_JWT_SECRET, CORPHUB_INTERNAL_SECRET: strong('internal') }],
    ['the development internal secret', { CORPHUB_JWT_SECRET: strong('jwt'), CORPHUB_INTERNAL_SECRET: DEV_INTERNAL_SECRET }],
    ['a short secret', { CORPHUB_JWT_SECRET: 'short', CORPHUB_INTERNAL_SECRET: strong('internal') }],
    ['one secret for both keys', { CORPHUB_JWT_SECRET: strong('same'), CORPHUB_INTERNAL_SECRET: strong('same') }],
  ])('refuses to start in production with %s', (_case, env) => {
    expect(() => readSecurityConfig({ NODE_ENV: 'production', ...env })).toThrow(ConfigError);
  });

  it('starts a subgraph in production with the internal secret alone', () => {
    expect(readSecurityConfig({ NODE_ENV: 'production', CORPHUB_INTERNAL_SECRET: strong('internal') }, 'subgraph').internalSecret).toBe(strong('internal'));
    expect(() => readSecurityConfig({ NODE_ENV: 'production' }, 'subgraph')).toThrow(ConfigError);
  });

  it('starts in production with strong, distinct secrets or a JWKS', () => {
    expect(() => readSecurityConfig({ NODE_ENV: 'production', CORPHUB_JWT_SECRET: strong('jwt'), CORPHUB_INTERNAL_SECRET: strong('internal') })).not.toThrow();
    expect(() => readSecurityConfig({ NODE_ENV: 'production', CORPHUB_JWKS_URL: 'https://idp.example/jwks', CORPHUB_INTERNAL_SECRET: strong('internal') })).not.toThrow();
  });
});
