import { createHash, randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { identity } from '@corphub/identity';
import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { browserState, postSignIn as postTo, signInAt } from './helpers';

const APP = 'okr-app';
const REDIRECT = 'https://okr.example.test/callback';
const CODE_TTL_SECONDS = 3;

describe('vendor login: /oauth/authorize and /oauth/token', () => {
  let hub: TestHub;
  let base: string;
  let acme: SeededCorp;
  let beta: SeededCorp;
  let secret: string;

  const authorizeUrl = (params: Record<string, string>) => `${base}/oauth/authorize?${new URLSearchParams(params).toString()}`;
  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };

  /** What a browser does: opens the sign-in page, picks a person, follows nothing (the redirect is read). */
  const signIn = (unionId: string, extra: Record<string, string> = {}) =>
    signInAt(authorizeUrl({ response_type: 'code', client_id: APP, redirect_uri: REDIRECT, state: 'xyz 1', corp_id: acme.corpId, ...extra }), unionId);

  const postSignIn = (form: Record<string, string>, cookie?: string) => postTo(base, form, cookie);

  async function codeFor(unionId: string, extra: Record<string, string> = {}): Promise<string> {
    const location = await signIn(unionId, extra);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz 1');
    // RFC 9207: the response names its issuer
    expect(location.searchParams.get('iss')).toBe(base);
    return location.searchParams.get('code')!;
  }

  const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  const basic = (id: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(password)}`).toString('base64')}` });
  const answer = async (response: Response) => ({ status: response.status, cache: response.headers.get('cache-control'), body: (await response.json()) as Record<string, unknown> });

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity], label: 'oauth', gateway: { oauth: { codeTtlSeconds: CODE_TTL_SECONDS, refreshTokenTtlSeconds: CODE_TTL_SECONDS } } });
    base = hub.url.replace(/\/graphql$/, '');
    acme = await seedCorp(hub, 'acme', ['Ada Admin', 'Bo Li']);
    beta = await seedCorp(hub, 'beta', ['Cy']);
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    const registered = await hub.request(
      `mutation($id: ID!, $uris: [String!]) { registerApp(input: { appId: $id, name: "OKRs", vendor: "Goals Inc", redirectUris: $uris }) { secret webhookSecret app { redirectUris } } }`,
      { token: platform, variables: { id: APP, uris: [REDIRECT] } },
    );
    expect(registered.data!.registerApp).toEqual({ secret: expect.any(String), webhookSecret: null, app: { redirectUris: [REDIRECT] } });
    secret = registered.data!.registerApp.secret;
    const installed = await hub.request(`mutation($id: ID!) { installApp(appId: $id) { status } }`, { token: acme.adminToken, variables: { id: APP } });
    expect(installed.data).toEqual({ installApp: { status: 'INSTALLED' } });
  });
  afterAll(() => hub?.stop());

  it("signs a person in with PKCE and answers their openId and unionId as identity maps them, with a token the gateway accepts", async () => {
    const bo = acme.people[1].unionId;
    const { verifier, challenge } = pkce();
    const code = await codeFor(bo, { code_challenge: challenge, code_challenge_method: 'S256', nonce: 'n-0S6' });
    const response = await answer(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, basic(APP, secret)));
    expect(response).toEqual({
      status: 200,
      cache: 'no-store',
      body: { access_token: expect.any(String), token_type: 'Bearer', expires_in: 7200, refresh_token: expect.any(String), openid: expect.stringMatching(/^o_/), unionid: bo, id_token: expect.any(String) },
    });
    const mapped = await hub.request(`query($u: ID!) { openId(appId: "${APP}", unionId: $u) }`, { token: acme.adminToken, variables: { u: bo } });
    expect(response.body.openid).toBe(mapped.data!.openId);

    // the ID token: signed with the hub's key (ES256 in development), which the client finds at jwks_uri
    const jwks = createRemoteJWKSet(new URL(`${base}/oauth/jwks`));
    const { payload } = await jwtVerify(response.body.id_token as string, jwks, { audience: APP, issuer: base, algorithms: ['ES256'] });
    expect(payload).toMatchObject({ sub: response.body.openid, unionid: bo, corp_id: 'acme', nonce: 'n-0S6' });
    expect(decodeProtectedHeader(response.body.id_token as string)).toEqual({ alg: 'ES256', typ: 'JWT', kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    await expect(jwtVerify(response.body.id_token as string, new TextEncoder().encode(secret))).rejects.toThrow();

    // the access token is a vendor token for the app in the person's corp
    const viewer = await hub.request(`{ me { role appId unionId subject corp { id } } }`, { token: response.body.access_token as string });
    expect(viewer).toEqual({ status: 200, data: { me: { role: "VENDOR", appId: APP, unionId: bo, subject: response.body.openid, corp: { id: "acme" } } } });
    const person = await hub.request(`query($o: String!) { personByOpenId(openId: $o) { unionId displayName } }`, { token: response.body.access_token as string, variables: { o: response.body.openid } });
    expect(person.data).toEqual({ personByOpenId: { unionId: bo, displayName: 'Bo Li' } });

    // a person's sign-in acts for the person inside the app, never as the app: it cannot change or publish the app
    const asApp = await hub.request(`mutation { updateApp(appId: "${APP}", input: { redirectUris: ["https://evil.example.test/cb"] }) { app { appId } } }`, {
      token: response.body.access_token as string,
    });
    expect(asApp.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/client-credentials/) });
    const check = await hub.request(`mutation($input: CheckSubgraphInput!) { checkSubgraph(input: $input) { ok } }`, {
      token: response.body.access_token as string,
      variables: { input: { name: 'evil', sdl: 'type Query { evil: String }' } },
    });
    expect(check.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const apps = await hub.request(`{ apps(first: 50) { nodes { appId redirectUris } } }`, { token: await hub.token({ corp: 'platform', role: Role.PLATFORM }) });
    const app = (apps.data!.apps.nodes as { appId: string; redirectUris: string[] }[]).find((node) => node.appId === APP)!;
    expect(app.redirectUris).not.toContain('https://evil.example.test/cb');
  });

  it('refuses a sign-in post without the CSRF cookie and token of the page with 403 and an error page, never redirecting', async () => {
    const params = { response_type: 'code', client_id: APP, redirect_uri: REDIRECT, state: 's', corp_id: acme.corpId, union_id: acme.people[1].unionId };
    const victim = await fetch(authorizeUrl(params));
    const { cookie, csrfToken } = browserState(victim, await victim.text());
    const attacker = await fetch(authorizeUrl(params));
    const other = browserState(attacker, await attacker.text());
    const forged = [
      { what: 'no token, no cookie (a cross-site form)', form: params, cookie: undefined },
      { what: 'the cookie but no token', form: params, cookie },
      { what: 'the cookie and a made-up token', form: { ...params, csrf_token: 'abc-def' }, cookie },
      { what: "the cookie and a token of another browser's page", form: { ...params, csrf_token: other.csrfToken }, cookie },
      { what: 'a good token without its cookie', form: { ...params, csrf_token: csrfToken }, cookie: undefined },
    ];
    for (const { what, form, cookie: sent } of forged) {
      const response = await postSignIn(form, sent);
      const html = await response.text();
      expect({ what, status: response.status, location: response.headers.get('location'), type: response.headers.get('content-type') }).toEqual({ what, status: 403, location: null, type: expect.stringMatching(/^text\/html/) });
      expect(html).toContain('Sign-in error: access_denied');
      expect(html).toContain('CSRF');
    }
    // the real page's post still works, and its token can be used again in that browser (back button, second try)
    for (let round = 0; round < 2; round++) {
      const posted = await postSignIn({ ...params, csrf_token: csrfToken }, cookie);
      expect(posted.status).toBe(302);
      expect(new URL(posted.headers.get('location')!).searchParams.get('code')).toEqual(expect.any(String));
    }
  });

  it('takes the secret in the body too (client_secret_post)', async () => {
    const code = await codeFor(acme.people[0].unionId);
    const response = await answer(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: APP, client_secret: secret }));
    expect(response.status).toBe(200);
    expect(response.body.unionid).toBe(acme.people[0].unionId);
  });

  it('refuses a wrong secret with 401 invalid_client', async () => {
    const code = await codeFor(acme.people[0].unionId);
    const response = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, basic(APP, 'not-the-secret'));
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await answer(response)).toEqual({ status: 401, cache: 'no-store', body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
    const unknown = await answer(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'no-such-app', client_secret: secret }));
    expect(unknown).toEqual({ status: 401, cache: 'no-store', body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
    const none = await answer(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }));
    expect(none).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('refuses a code the second time with invalid_grant', async () => {
    const code = await codeFor(acme.people[0].unionId);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    expect((await token(form, basic(APP, secret))).status).toBe(200);
    expect(await answer(await token(form, basic(APP, secret)))).toEqual({
      status: 400,
      cache: 'no-store',
      body: { error: 'invalid_grant', error_description: 'The authorization code was already used' },
    });
  });

  it('revokes the tokens issued from a code when the code is used again (RFC 6749 §4.1.2)', async () => {
    const bo = acme.people[1].unionId;
    const code = await codeFor(bo);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    const first = await answer(await token(form, basic(APP, secret)));
    expect(first.status).toBe(200);
    const accessToken = first.body.access_token as string;
    const me = `{ me { unionId } }`;
    expect(await hub.request(me, { token: accessToken })).toEqual({ status: 200, data: { me: { unionId: bo } } });
    // another sign-in of the same person, and the app's own token: not from this code, not revoked
    const other = await answer(await token({ grant_type: 'authorization_code', code: await codeFor(bo), redirect_uri: REDIRECT }, basic(APP, secret)));
    const own = await answer(await token({ grant_type: 'client_credentials', corp_id: 'acme' }, basic(APP, secret)));

    expect(await answer(await token(form, basic(APP, secret)))).toEqual({ status: 400, cache: 'no-store', body: { error: 'invalid_grant', error_description: 'The authorization code was already used' } });
    const refused = await hub.request(me, { token: accessToken });
    expect({ status: refused.status, code: refused.errors?.[0].extensions?.code, data: refused.data ?? null }).toEqual({ status: 401, code: 'UNAUTHENTICATED', data: null });
    expect(refused.errors?.[0].message).toMatch(/revoked/);
    expect(await hub.request(me, { token: other.body.access_token as string })).toEqual({ status: 200, data: { me: { unionId: bo } } });
    expect((await hub.request(`{ me { appId } }`, { token: own.body.access_token as string })).data).toEqual({ me: { appId: APP } });
    // app-level fields (the app's own settings) need no installation, but a revoked token is refused there too
    const appLevel = await hub.request(`{ moduleSubgraphs { nodes { name } } }`, { token: accessToken });
    expect({ status: appLevel.status, code: appLevel.errors?.[0].extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await hub.request(`{ moduleSubgraphs { nodes { name } } }`, { token: other.body.access_token as string })).errors).toBeUndefined();
    // a third try changes nothing more, and the revoked token stays refused
    expect((await token(form, basic(APP, secret))).status).toBe(400);
    expect((await hub.request(me, { token: accessToken })).status).toBe(401);
  });

  it('refuses a code of two concurrent exchanges once', async () => {
    const code = await codeFor(acme.people[0].unionId);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    const statuses = (await Promise.all([token(form, basic(APP, secret)), token(form, basic(APP, secret))])).map((response) => response.status);
    expect(statuses.sort()).toEqual([200, 400]);
  });

  it('refuses an expired code with invalid_grant', async () => {
    const code = await codeFor(acme.people[0].unionId);
    await new Promise((resolve) => setTimeout(resolve, CODE_TTL_SECONDS * 1000 + 300));
    expect(await answer(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, basic(APP, secret)))).toEqual({
      status: 400,
      cache: 'no-store',
      body: { error: 'invalid_grant', error_description: 'The authorization code has expired' },
    });
  });

  it('refuses an expired refresh token with invalid_grant, and a refresh token without client authentication', async () => {
    const code = await codeFor(acme.people[0].unionId);
    const issued = await answer(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, basic(APP, secret)));
    const refresh = { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token as string };
    expect(await answer(await token(refresh))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await answer(await token({ grant_type: 'refresh_token' }, basic(APP, secret)))).toEqual({ status: 400, cache: 'no-store', body: { error: 'invalid_request', error_description: 'refresh_token is required' } });
    expect(await answer(await token({ ...refresh, refresh_token: 'made-up' }, basic(APP, secret)))).toEqual({ status: 400, cache: 'no-store', body: { error: 'invalid_grant', error_description: 'The refresh token is invalid' } });
    await new Promise((resolve) => setTimeout(resolve, CODE_TTL_SECONDS * 1000 + 300));
    expect(await answer(await token(refresh, basic(APP, secret)))).toEqual({ status: 400, cache: 'no-store', body: { error: 'invalid_grant', error_description: 'The refresh token has expired' } });
  });

  it('refuses a redirect_uri other than the code was issued for, and a wrong PKCE verifier, with invalid_grant', async () => {
    const { challenge } = pkce();
    const code = await codeFor(acme.people[0].unionId, { code_challenge: challenge, code_challenge_method: 'S256' });
    const wrongUri = await answer(await token({ grant_type: 'authorization_code', code, redirect_uri: 'https://evil.example.test/cb', code_verifier: pkce().verifier }, basic(APP, secret)));
    expect(wrongUri).toEqual({ status: 400, cache: 'no-store', body: { error: 'invalid_grant', error_description: 'redirect_uri does not match the one the code was issued for' } });
    const wrongVerifier = await answer(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce().verifier }, basic(APP, secret)));
    expect(wrongVerifier).toEqual({ status: 400, cache: 'no-store', body: { error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' } });
    const garbage = await answer(await token({ grant_type: 'authorization_code', code: 'made-up', redirect_uri: REDIRECT }, basic(APP, secret)));
    expect(garbage).toEqual({ status: 400, cache: 'no-store', body: { error: 'invalid_grant', error_description: 'The authorization code is invalid' } });
  });

  it('never redirects to an unregistered redirect_uri or for an unknown client', async () => {
    const unregistered = await fetch(authorizeUrl({ response_type: 'code', client_id: APP, redirect_uri: 'https://evil.example.test/cb', state: 's', corp_id: 'acme' }), { redirect: 'manual' });
    expect(unregistered.status).toBe(400);
    expect(unregistered.headers.get('location')).toBeNull();
    expect(await unregistered.text()).toContain('invalid_redirect_uri');
    const unknown = await fetch(authorizeUrl({ response_type: 'code', client_id: 'no-such-app', redirect_uri: REDIRECT, corp_id: 'acme' }), { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('invalid_client');
  });

  it('sends request errors back to the client with the state: response_type, PKCE method, a corp without the app', async () => {
    const back = async (params: Record<string, string>) => {
      const response = await fetch(authorizeUrl({ client_id: APP, redirect_uri: REDIRECT, state: 'st', ...params }), { redirect: 'manual' });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      return { error: location.searchParams.get('error'), state: location.searchParams.get('state'), code: location.searchParams.get('code') };
    };
    expect(await back({ response_type: 'token', corp_id: 'acme' })).toEqual({ error: 'unsupported_response_type', state: 'st', code: null });
    expect(await back({ response_type: 'code', corp_id: 'acme', code_challenge: pkce().challenge, code_challenge_method: 'S512' })).toEqual({ error: 'invalid_request', state: 'st', code: null });
    // RFC 7636 plain (named, or a challenge without a method) shows the verifier to whoever sees the request
    expect(await back({ response_type: 'code', corp_id: 'acme', code_challenge: pkce().verifier, code_challenge_method: 'plain' })).toEqual({ error: 'invalid_request', state: 'st', code: null });
    expect(await back({ response_type: 'code', corp_id: 'acme', code_challenge: pkce().challenge })).toEqual({ error: 'invalid_request', state: 'st', code: null });
    expect(await back({ response_type: 'code', corp_id: beta.corpId })).toEqual({ error: 'access_denied', state: 'st', code: null });
  });

  it('answers other token request errors in the shape of RFC 6749 §5.2', async () => {
    expect(await answer(await token({ grant_type: 'password', username: 'x' }, basic(APP, secret)))).toMatchObject({ status: 400, cache: 'no-store', body: { error: 'unsupported_grant_type' } });
    expect(await answer(await token({ code: 'x' }, basic(APP, secret)))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await answer(await token({ grant_type: 'authorization_code', redirect_uri: REDIRECT }, basic(APP, secret)))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const json = await fetch(`${base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json', ...basic(APP, secret) }, body: '{"grant_type":"client_credentials"}' });
    expect(await answer(json)).toMatchObject({ status: 400, cache: 'no-store', body: { error: 'invalid_request', error_description: expect.any(String) } });
  });

  it('gives the app its own token for a corp that installed it (client credentials), and none for another corp', async () => {
    const granted = await answer(await token({ grant_type: 'client_credentials', corp_id: 'acme' }, basic(APP, secret)));
    expect(granted).toEqual({ status: 200, cache: 'no-store', body: { access_token: expect.any(String), token_type: 'Bearer', expires_in: 7200 } });
    const viewer = await hub.request(`{ me { role appId unionId subject corp { id } } }`, { token: granted.body.access_token as string });
    expect(viewer).toEqual({ status: 200, data: { me: { role: 'VENDOR', appId: APP, unionId: null, subject: `app:${APP}`, corp: { id: 'acme' } } } });

    expect(await answer(await token({ grant_type: 'client_credentials', corp_id: 'beta' }, basic(APP, secret)))).toEqual({
      status: 400,
      cache: 'no-store',
      body: { error: 'unauthorized_client', error_description: `App "${APP}" is not installed in corp "beta"` },
    });
    expect(await answer(await token({ grant_type: 'client_credentials' }, basic(APP, secret)))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await answer(await token({ grant_type: 'client_credentials', corp_id: 'acme' }, basic(APP, 'wrong')))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('lets only the platform or the app itself change its redirect URIs', async () => {
    const change = `mutation($uris: [String!]) { updateApp(appId: "${APP}", input: { redirectUris: $uris }) { app { redirectUris } } }`;
    const admin = await hub.request(change, { token: acme.adminToken, variables: { uris: ['https://x.example.test/'] } });
    expect(admin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'another-app' });
    expect((await hub.request(change, { token: other, variables: { uris: ['https://x.example.test/'] } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await hub.request(change, { token: await hub.token({ corp: 'platform', role: Role.PLATFORM }), variables: { uris: ['not a url'] } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const own = await hub.token({ corp: 'acme', role: Role.VENDOR, app: APP });
    const changed = await hub.request(change, { token: own, variables: { uris: [REDIRECT, 'http://localhost:3000/cb'] } });
    expect(changed.data).toEqual({ updateApp: { app: { redirectUris: [REDIRECT, 'http://localhost:3000/cb'] } } });
  });

  it('publishes OpenID Connect discovery (OpenID Connect Discovery 1.0 §3) at the gateway\'s own URL in development', async () => {
    const response = await fetch(`${base}/.well-known/openid-configuration`);
    expect(await response.json()).toEqual({
      issuer: base,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      userinfo_endpoint: `${base}/oauth/userinfo`,
      jwks_uri: `${base}/oauth/jwks`,
      revocation_endpoint: `${base}/oauth/revoke`,
      introspection_endpoint: `${base}/oauth/introspect`,
      scopes_supported: ['openid', 'profile', 'email'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['ES256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'unionid', 'corp_id', 'name', 'email'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
    });
    const jwks = (await (await fetch(`${base}/oauth/jwks`)).json()) as { keys: JWK[] };
    expect(jwks).toEqual({ keys: [{ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), alg: 'ES256', use: 'sig', kid: expect.any(String) }] });
    // the kid is the key's RFC 7638 thumbprint
    expect(jwks.keys[0].kid).toBe(await calculateJwkThumbprint(jwks.keys[0]));
  });
});
