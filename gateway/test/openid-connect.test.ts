import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { decodeJwt } from 'jose';
import { identity } from '@corphub/identity';
import { readGatewayConfig } from '@corphub/gateway';
import { ConfigError, Role } from '@corphub/module-kit';
import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { signInAt } from './helpers';

const RELYING_PARTY = path.join(__dirname, 'fixtures', 'relying-party.mjs');
const APP = 'notes-app';
const OTHER_APP = 'other-app';
const REDIRECT = 'https://notes.example.test/callback';
const ALL_SCOPES = 'openid profile email';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The vendor app (fixtures/relying-party.mjs) running in its own process: one step at a time, answered by id. */
class RelyingParty {
  private readonly child = spawn(process.execPath, [RELYING_PARTY], { stdio: ['pipe', 'pipe', 'inherit'] });
  private readonly pending = new Map<number, { resolve: (answer: Json) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor() {
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const { id, ...answer } = JSON.parse(line) as Json;
      this.pending.get(id as number)?.resolve(answer);
      this.pending.delete(id as number);
    });
    this.child.on('exit', (code) => {
      for (const { reject } of this.pending.values()) reject(new Error(`the relying party exited (${code})`));
      this.pending.clear();
    });
  }

  step(input: Json): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, ...input })}\n`);
    });
  }

  async stop(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.stdin.end();
    await exited;
  }
}

/** An HTTP request with headers fetch would not send as given (Host). */
function rawRequest(url: string, options: { method?: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) as Json }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('OpenID Connect end to end, with openid-client as the vendor app (in its own process)', () => {
  let hub: TestHub;
  let base: string;
  let acme: SeededCorp;
  let dee: { unionId: string };
  let secret: string;
  let otherSecret: string;
  let relyingParty: RelyingParty;

  /** One step of the vendor app, as the app `clientId`. */
  const rp = (step: string, input: Json = {}, as: { clientId: string; clientSecret: string } = { clientId: APP, clientSecret: secret }) =>
    relyingParty.step({ step, server: base, redirectUri: REDIRECT, ...as, ...input });

  /** Discovery, the authorization request (PKCE S256), the person picked on the sign-in page, the callback: the app's tokens. */
  async function signIn(unionId: string, scope = ALL_SCOPES): Promise<{ tokens: Json; claims: Json }> {
    const request = await rp('authorize', { scope, corpId: acme.corpId });
    const callbackUrl = await signInAt(request.url as string, unionId);
    const result = await rp('callback', { callbackUrl: callbackUrl.href, verifier: request.verifier, state: request.state, nonce: request.nonce });
    expect(result.failed).toBeUndefined();
    return result as { tokens: Json; claims: Json };
  }

  const token = (form: Record<string, string>, clientId = APP, clientSecret = secret) =>
    fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      body: new URLSearchParams(form).toString(),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as Json }));
  const backChannel = (endpoint: 'revoke' | 'introspect', form: Record<string, string>, clientSecret = secret) =>
    fetch(`${base}/oauth/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${APP}:${clientSecret}`).toString('base64')}` },
      body: new URLSearchParams(form).toString(),
    }).then(async (response) => ({ status: response.status, cache: response.headers.get('cache-control'), text: await response.text() }));

  /** What the gateway answers the person's access token at /graphql: 200 with the person, or the refusal's status and code. */
  async function graph(accessToken: string) {
    const response = await hub.request(`{ me { unionId appId } }`, { token: accessToken });
    return response.errors ? { status: response.status, code: response.errors[0].extensions?.code } : { status: response.status, me: response.data!.me };
  }

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity], label: 'oidc' });
    base = hub.url.replace(/\/graphql$/, '');
    acme = await seedCorp(hub, 'acme', ['Ada Admin', 'Bo Li']);
    await seedCorp(hub, 'beta', ['Cy']);
    const added = await hub.request(`mutation { addPerson(input: { displayName: "Dee Doe", email: "dee@acme.example.test" }) { unionId } }`, { token: acme.adminToken });
    dee = added.data!.addPerson;
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    const register = async (appId: string) => {
      const registered = await hub.request(`mutation($id: ID!, $uris: [String!]) { registerApp(input: { appId: $id, name: "Notes", vendor: "Notes Inc", redirectUris: $uris }) { secret } }`, {
        token: platform,
        variables: { id: appId, uris: [REDIRECT] },
      });
      expect(registered.errors).toBeUndefined();
      const installed = await hub.request(`mutation($id: ID!) { installApp(appId: $id) { status } }`, { token: acme.adminToken, variables: { id: appId } });
      expect(installed).toEqual({ status: 200, data: { installApp: { status: "INSTALLED" } } });
      return registered.data!.registerApp.secret as string;
    };
    secret = await register(APP);
    otherSecret = await register(OTHER_APP);
    relyingParty = new RelyingParty();
  });
  afterAll(async () => {
    await relyingParty?.stop();
    await hub?.stop();
  });

  it('signs a person in: discovery, PKCE S256, the code, an ID token openid-client verifies against jwks_uri, and UserInfo', async () => {
    const request = await rp('authorize', { scope: ALL_SCOPES, corpId: 'acme' });
    expect(request.metadata).toMatchObject({ issuer: base, jwks_uri: `${base}/oauth/jwks`, id_token_signing_alg_values_supported: ['ES256'] });
    const sent = new URL(request.url as string);
    expect(Object.fromEntries(sent.searchParams)).toEqual({
      client_id: APP,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: ALL_SCOPES,
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
      state: request.state,
      nonce: request.nonce,
      corp_id: 'acme',
    });

    const callbackUrl = await signInAt(request.url as string, dee.unionId);
    expect(Object.fromEntries(callbackUrl.searchParams)).toEqual({ code: expect.any(String), state: request.state, iss: base });
    const { tokens, claims } = await rp('callback', { callbackUrl: callbackUrl.href, verifier: request.verifier, state: request.state, nonce: request.nonce });
    expect(tokens).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 7200,
      refresh_token: expect.any(String),
      openid: expect.stringMatching(/^o_/),
      unionid: dee.unionId,
      id_token: expect.any(String),
      scope: ALL_SCOPES,
    });
    expect(claims).toEqual({ iss: base, sub: tokens.openid, aud: APP, iat: expect.any(Number), exp: expect.any(Number), unionid: dee.unionId, corp_id: 'acme', nonce: request.nonce });

    // the code cannot be redeemed without the verifier the challenge was made from
    const again = await rp('authorize', { scope: 'openid', corpId: 'acme' });
    const otherCallback = await signInAt(again.url as string, dee.unionId);
    const stolen = await token({ grant_type: 'authorization_code', code: otherCallback.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: request.verifier as string });
    expect(stolen).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' } });

    expect(await rp('userinfo', { accessToken: tokens.access_token, subject: tokens.openid })).toEqual({
      userinfo: { sub: tokens.openid, unionid: dee.unionId, corp_id: 'acme', name: 'Dee Doe', email: 'dee@acme.example.test' },
    });
    expect(await graph(tokens.access_token as string)).toEqual({ status: 200, me: { unionId: dee.unionId, appId: APP } });

    // the scope decides what UserInfo tells
    const narrow = await signIn(dee.unionId, 'openid');
    expect(narrow.claims.sub).toBe(tokens.openid);
    expect(await rp('userinfo', { accessToken: narrow.tokens.access_token, subject: tokens.openid })).toEqual({ userinfo: { sub: tokens.openid, unionid: dee.unionId, corp_id: 'acme' } });
  });

  it('refuses UserInfo without a person’s live access token (RFC 6750 §3)', async () => {
    const missing = await fetch(`${base}/oauth/userinfo`);
    expect({ status: missing.status, challenge: missing.headers.get('www-authenticate') }).toEqual({ status: 401, challenge: 'Bearer realm="corphub"' });
    const own = await token({ grant_type: 'client_credentials', corp_id: 'acme' });
    for (const accessToken of ['not-a-token', own.body.access_token as string]) {
      const refused = await fetch(`${base}/oauth/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect({ status: refused.status, challenge: refused.headers.get('www-authenticate') }).toEqual({ status: 401, challenge: expect.stringMatching(/^Bearer realm="corphub", error="invalid_token", error_description="/) });
    }
  });

  it('rotates the refresh token at every use, and revokes the whole grant when a rotated one comes back (OAuth 2.0 Security BCP §4.14)', async () => {
    const bo = acme.people[1].unionId;
    const first = await signIn(bo);
    const second = await rp('refresh', { refreshToken: first.tokens.refresh_token });
    expect(second.tokens).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 7200,
      refresh_token: expect.any(String),
      openid: first.tokens.openid,
      unionid: bo,
      id_token: expect.any(String),
      scope: ALL_SCOPES,
    });
    expect(second.tokens.refresh_token).not.toBe(first.tokens.refresh_token);
    // OpenID Connect Core §12.2: the same person and client, a new iat, no nonce
    expect(second.claims).toEqual({ iss: base, sub: first.claims.sub, aud: APP, iat: expect.any(Number), exp: expect.any(Number), unionid: bo, corp_id: 'acme' });
    // a narrower scope may be asked for (RFC 6749 §6), never a wider one
    const third = await rp('refresh', { refreshToken: second.tokens.refresh_token, scope: 'openid' });
    expect(third.tokens.scope).toBe('openid');
    const wider = await token({ grant_type: 'refresh_token', refresh_token: third.tokens.refresh_token as string, scope: 'openid phone' });
    expect(wider).toEqual({ status: 400, body: { error: 'invalid_scope', error_description: 'The requested scope exceeds the scope the person granted' } });
    const fourth = await rp('refresh', { refreshToken: third.tokens.refresh_token });
    expect(fourth.tokens.scope).toBe(ALL_SCOPES);
    for (const issued of [first, second, third, fourth]) expect(await graph(issued.tokens.access_token as string)).toEqual({ status: 200, me: { unionId: bo, appId: APP } });
    const unrelated = await signIn(bo);

    // the first token again: it leaked, so its family and the family's access tokens are revoked
    expect(await rp('refresh', { refreshToken: first.tokens.refresh_token })).toEqual({
      failed: expect.objectContaining({ error: 'invalid_grant', error_description: 'The refresh token was already used: its grant is revoked', status: 400 }),
    });
    expect(await rp('refresh', { refreshToken: fourth.tokens.refresh_token })).toEqual({
      failed: expect.objectContaining({ error: 'invalid_grant', error_description: 'The refresh token was revoked', status: 400 }),
    });
    for (const issued of [first, second, third, fourth]) expect(await graph(issued.tokens.access_token as string)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    const userinfo = await rp('userinfo', { accessToken: fourth.tokens.access_token, subject: first.claims.sub });
    expect(userinfo.failed).toMatchObject({ status: 401, challenges: [{ scheme: 'bearer', parameters: { error: 'invalid_token' } }] });
    // another sign-in of the same person is another grant
    expect(await graph(unrelated.tokens.access_token as string)).toEqual({ status: 200, me: { unionId: bo, appId: APP } });
    expect((await rp('refresh', { refreshToken: unrelated.tokens.refresh_token })).tokens).toBeDefined();
  });

  it('revokes a grant by its refresh token or by one of its access tokens (RFC 7009)', async () => {
    const bo = acme.people[1].unionId;
    const byRefresh = await signIn(bo);
    expect(await rp('revoke', { token: byRefresh.tokens.refresh_token })).toEqual({ revoked: true });
    expect((await rp('refresh', { refreshToken: byRefresh.tokens.refresh_token })).failed).toMatchObject({ error: 'invalid_grant', error_description: 'The refresh token was revoked' });
    expect(await graph(byRefresh.tokens.access_token as string)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });

    const byAccess = await signIn(bo);
    expect(await rp('revoke', { token: byAccess.tokens.access_token })).toEqual({ revoked: true });
    expect(await graph(byAccess.tokens.access_token as string)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await rp('refresh', { refreshToken: byAccess.tokens.refresh_token })).failed).toMatchObject({ error: 'invalid_grant' });

    // §2.2: an invalid or already revoked token is no error
    expect(await backChannel('revoke', { token: 'made-up' })).toEqual({ status: 200, cache: 'no-store', text: '' });
    expect(await backChannel('revoke', { token: byAccess.tokens.refresh_token as string, token_type_hint: 'refresh_token' })).toEqual({ status: 200, cache: 'no-store', text: '' });
    // another client's tokens, the app's own client-credentials token, a wrong secret
    const others = await signIn(bo).then(() => rp('authorize', { scope: 'openid', corpId: 'acme' }, { clientId: OTHER_APP, clientSecret: otherSecret }));
    const otherCallback = await signInAt(others.url as string, bo);
    const other = await rp('callback', { callbackUrl: otherCallback.href, verifier: others.verifier, state: others.state, nonce: others.nonce }, { clientId: OTHER_APP, clientSecret: otherSecret });
    for (const foreign of [other.tokens.refresh_token, other.tokens.access_token] as string[]) {
      expect(JSON.parse((await backChannel('revoke', { token: foreign })).text)).toEqual({ error: 'invalid_request', error_description: 'The token was not issued to this client' });
    }
    expect(await graph(other.tokens.access_token as string)).toEqual({ status: 200, me: { unionId: bo, appId: OTHER_APP } });
    const own = await token({ grant_type: 'client_credentials', corp_id: 'acme' });
    const unsupported = await backChannel('revoke', { token: own.body.access_token as string });
    expect({ status: unsupported.status, body: JSON.parse(unsupported.text) }).toEqual({ status: 400, body: { error: 'unsupported_token_type', error_description: expect.any(String) } });
    const wrongSecret = await backChannel('revoke', { token: other.tokens.refresh_token as string }, 'not-the-secret');
    expect({ status: wrongSecret.status, body: JSON.parse(wrongSecret.text) }).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
    expect(JSON.parse((await backChannel('revoke', {})).text)).toEqual({ error: 'invalid_request', error_description: 'token is required' });
  });

  it('tells the app’s resource server whether a token of the app is active, and nothing about others (RFC 7662)', async () => {
    const { tokens, claims } = await signIn(dee.unionId);
    const access = decodeJwt(tokens.access_token as string);
    expect(await rp('introspect', { token: tokens.access_token })).toEqual({
      introspection: { active: true, scope: ALL_SCOPES, client_id: APP, token_type: 'Bearer', sub: claims.sub, exp: access.exp, iat: access.iat, corp_id: 'acme', unionid: dee.unionId },
    });
    expect(await rp('introspect', { token: tokens.refresh_token })).toEqual({
      introspection: { active: true, scope: ALL_SCOPES, client_id: APP, sub: claims.sub, exp: expect.any(Number), iat: expect.any(Number), corp_id: 'acme', unionid: dee.unionId },
    });
    const own = await token({ grant_type: 'client_credentials', corp_id: 'acme' });
    expect((await rp('introspect', { token: own.body.access_token })).introspection).toMatchObject({ active: true, client_id: APP, sub: `app:${APP}`, corp_id: 'acme' });

    // a rotated refresh token, another client's token, a hub token, garbage: only "not active"
    await rp('refresh', { refreshToken: tokens.refresh_token });
    const adminToken = acme.adminToken;
    const otherOwn = await token({ grant_type: 'client_credentials', corp_id: 'acme' }, OTHER_APP, otherSecret);
    for (const inactive of [tokens.refresh_token, otherOwn.body.access_token, adminToken, 'made-up', 'a.b.c'] as string[]) {
      expect(await rp('introspect', { token: inactive })).toEqual({ introspection: { active: false } });
    }
    const wrongSecret = await backChannel('introspect', { token: tokens.access_token as string }, 'not-the-secret');
    expect({ status: wrongSecret.status, body: JSON.parse(wrongSecret.text) }).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
    expect((await backChannel('introspect', { token: tokens.access_token as string })).cache).toBe('no-store');
  });

  it('builds the issuer and every URL it hands out from configuration, never from a forged Host or X-Forwarded-* header', async () => {
    const forged = { host: 'evil.example.test', 'x-forwarded-host': 'evil.example.test', 'x-forwarded-proto': 'https' };
    const discovery = await rawRequest(`${base}/.well-known/openid-configuration`, { headers: forged });
    expect(discovery.body.issuer).toBe(base);
    const urls = Object.entries(discovery.body).filter(([name]) => name === 'issuer' || name.endsWith('_endpoint') || name === 'jwks_uri');
    expect(urls.length).toBe(7);
    for (const [, url] of urls) expect(url).toMatch(new RegExp(`^${base}(/|$)`));

    const request = await rp('authorize', { scope: 'openid', corpId: 'acme' });
    const callbackUrl = await signInAt(request.url as string, dee.unionId);
    const exchanged = await rawRequest(`${base}/oauth/token`, {
      method: 'POST',
      headers: { ...forged, 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${APP}:${secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: callbackUrl.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: request.verifier as string }).toString(),
    });
    expect(exchanged.status).toBe(200);
    expect(decodeJwt(exchanged.body.id_token as string).iss).toBe(base);
  });
});

describe('a hub behind a proxy, at CORPHUB_PUBLIC_URL', () => {
  const PUBLIC_URL = 'https://hub.example.test';
  let hub: TestHub;
  let base: string;

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity], label: 'oidc-proxy', gateway: { publicUrl: PUBLIC_URL, trustProxy: 'loopback' } });
    base = hub.url.replace(/\/graphql$/, '');
  });
  afterAll(() => hub?.stop());

  it('names itself by its public URL whatever the request says', async () => {
    const discovery = await rawRequest(`${base}/.well-known/openid-configuration`, { headers: { host: 'evil.example.test', 'x-forwarded-host': 'evil.example.test' } });
    expect(discovery.body).toMatchObject({ issuer: PUBLIC_URL, authorization_endpoint: `${PUBLIC_URL}/oauth/authorize`, jwks_uri: `${PUBLIC_URL}/oauth/jwks` });
  });

  it('reads CORPHUB_PUBLIC_URL and CORPHUB_TRUST_PROXY', () => {
    expect(readGatewayConfig({ CORPHUB_PUBLIC_URL: 'https://hub.example.test/corphub/' })).toMatchObject({ publicUrl: 'https://hub.example.test/corphub', trustProxy: false });
    expect(readGatewayConfig({}).publicUrl).toBeUndefined();
    expect(readGatewayConfig({ CORPHUB_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readGatewayConfig({ CORPHUB_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(readGatewayConfig({ CORPHUB_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(readGatewayConfig({ NODE_ENV: 'production', CORPHUB_PUBLIC_URL: 'http://localhost:4000' }).publicUrl).toBe('http://localhost:4000');
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', CORPHUB_PUBLIC_URL: 'http://hub.example.test' },
      { CORPHUB_PUBLIC_URL: 'hub.example.test' },
      { CORPHUB_PUBLIC_URL: 'https://hub.example.test/?x=1' },
      { CORPHUB_PUBLIC_URL: 'ftp://hub.example.test' },
    ]) {
      expect(() => readGatewayConfig(env)).toThrow(ConfigError);
    }
  });
});
