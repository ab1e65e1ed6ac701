import { SignJWT } from 'jose';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { generateKeyPairSync } from 'node:crypto';
import { CONTEXT_HEADER, DEV_CONTEXT_PUBLIC_KEY, DEV_INTERNAL_SECRET, DEV_JWT_SECRET, ISSUER, Role, subgraphAudience } from '@corphub/module-kit';
import { ContextSigningKey, signCallerToken } from '../src/auth/tokens';
import { errorCodes, graphqlRequest, signTestContext } from '@corphub/module-kit/testing';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const secretKey = (secret: string) => new TextEncoder().encode(secret);
const ME = '{ me { role corp { id } } }';

describe('caller tokens at the gateway', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ label: 'auth' });
    await hub.request(`mutation { createCorp(input: { id: "acme", name: "Acme" }) { id } }`, { token: await hub.token({ corp: 'platform', role: Role.PLATFORM }) });
  });
  afterAll(() => hub?.stop());

  const expectUnauthenticated = async (token: string | undefined, message: RegExp) => {
    const response = await hub.request(ME, { token });
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0].message).toMatch(message);
    expect(response.data).toBeUndefined();
  };

  it('accepts a valid token', async () => {
    const response = await hub.request(ME, { token: await hub.token({ corp: 'acme', role: Role.ANALYST }) });
    expect(response).toEqual({ status: 200, data: { me: { role: 'ANALYST', corp: { id: 'acme' } } } });
  });

  it('refuses a request without a token', () => expectUnauthenticated(undefined, /Missing bearer token/));

  it('refuses a malformed token', () => expectUnauthenticated('not-a-jwt', /malformed/));

  it('refuses a token signed with another key', async () => {
    const forged = await signCallerToken({ subject: 'x', corpId: 'acme', role: Role.ADMIN }, 'some-other-secret-that-is-long-enough!!');
    await expectUnauthenticated(forged, /signature/);
  });

  it('refuses an expired token', async () => {
    const expired = await signCallerToken({ subject: 'x', corpId: 'acme', role: Role.ADMIN }, DEV_JWT_SECRET, nowSeconds() - 60);
    await expectUnauthenticated(expired, /expired/);
  });

  it('refuses a token with an unknown role', async () => {
    const token = await new SignJWT({ corp_id: 'acme', role: 'superuser' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setAudience('corphub')
      .setExpirationTime('5m')
      .sign(secretKey(DEV_JWT_SECRET));
    await expectUnauthenticated(token, /role must be one of/);
  });

  it('refuses the internal context token used as a caller token', async () => {
    const internal = await signTestContext({ subject: 'x', corpId: 'acme', role: Role.ADMIN }, subgraphAudience('identity'));
    await expectUnauthenticated(internal, /signature|claim|algorithm/);
  });

  it.each([
    [Role.ANALYST, `mutation { addPerson(input: { displayName: "Eve" }) { unionId } }`],
    [Role.EMPLOYEE, `mutation { installApp(appId: "x") { id } }`],
    [Role.ADMIN, `mutation { createCorp(input: { id: "evil", name: "Evil" }) { id } }`],
    [Role.VENDOR, `mutation { registerApp(input: { name: "n", vendor: "v" }) { secret } }`],
  ])('refuses a %s running a mutation their role may not run', async (role, mutation) => {
    const token = await hub.token({ corp: 'acme', role, union: 'un_someone', app: 'some-app' });
    const response = await hub.request(mutation, { token });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    // refused before anything runs, no data at all: a vendor app that corp acme never installed, and an
    // analyst's mutation (read-only roles are stopped at the gateway)
    expect(response.data).toBe(role === Role.VENDOR || role === Role.ANALYST ? undefined : null);
  });
});

describe('direct calls to a subgraph', () => {
  let hub: TestHub;
  let subgraphUrl: string;
  beforeAll(async () => {
    hub = await startTestHub({ label: 'direct' });
    subgraphUrl = hub.subgraphs.identity.url;
  });
  afterAll(() => hub?.stop());

  const analyst = { subject: 'x', corpId: 'acme', role: Role.ANALYST };
  const callDirect = (context?: string) => graphqlRequest(subgraphUrl, '{ me { role } }', { headers: context ? { [CONTEXT_HEADER]: context } : {} });
  const expectRefused = async (context: string | undefined, message: RegExp) => {
    const response = await callDirect(context);
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0].message).toMatch(message);
  };
  /** HS256, the way contexts were signed before the gateway had its own key pair. */
  const symmetric = (secret: string, audience: string) =>
    new SignJWT({ corp_id: 'acme', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(ISSUER).setAudience(audience).setExpirationTime('1m').sign(secretKey(secret));

  it('refuses a request without a verified context', () => expectRefused(undefined, /Missing x-corphub-context/));

  it('refuses a context forged with the old shared internal secret, for the old and for its own audience', async () => {
    await expectRefused(await symmetric(DEV_INTERNAL_SECRET, 'corphub-subgraph'), /algorithm/);
    await expectRefused(await symmetric(DEV_INTERNAL_SECRET, subgraphAudience('identity')), /algorithm/);
  });

  it('refuses a context signed with HS256 over the public key (algorithm confusion)', async () => {
    await expectRefused(await symmetric(DEV_CONTEXT_PUBLIC_KEY, subgraphAudience('identity')), /algorithm/);
  });

  it('refuses a context signed with another Ed25519 key', async () => {
    const other = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // its kid names no key the subgraph holds
    await expectRefused(await new ContextSigningKey(other).sign(analyst, subgraphAudience('identity')), /signed with an unknown key/);
  });

  it("refuses a context for another subgraph's audience, or for the old shared one", async () => {
    await expectRefused(await signTestContext(analyst, subgraphAudience('directory')), /aud/);
    await expectRefused(await signTestContext(analyst, subgraphAudience('okr')), /aud/);
    await expectRefused(await signTestContext(analyst, 'corphub-subgraph'), /aud/);
  });

  it('refuses a caller token passed off as a context', async () => {
    const callerToken = await signCallerToken({ subject: 'x', corpId: 'acme', role: Role.ADMIN }, DEV_INTERNAL_SECRET);
    await expectRefused(callerToken, /algorithm/);
  });

  it('refuses an expired context', async () => {
    await expectRefused(await signTestContext(analyst, subgraphAudience('identity'), nowSeconds() - 60), /expired/);
  });

  it('answers a context the gateway would sign for it, also when its audience lists other subgraphs too', async () => {
    expect((await callDirect(await signTestContext(analyst, subgraphAudience('identity')))).data?.me.role).toBe('ANALYST');
    const several = await signTestContext(analyst, ['directory', 'identity'].map(subgraphAudience));
    expect((await callDirect(several)).data?.me.role).toBe('ANALYST');
  });
});
