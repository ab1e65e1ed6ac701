import { SignJWT } from 'jose';
import { startTestHub, type TestHub } from '@corphub/gateway';
import { CONTEXT_HEADER, DEV_INTERNAL_SECRET, DEV_JWT_SECRET, ISSUER, Role, signCallerToken, signInternalContext } from '@corphub/shared';
import { errorCodes, graphqlRequest } from '@corphub/shared/testing';

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
    const internal = await signInternalContext({ subject: 'x', corpId: 'acme', role: Role.ADMIN }, DEV_INTERNAL_SECRET);
    await expectUnauthenticated(internal, /signature|claim/);
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
    // a vendor app that corp acme never installed is refused before anything runs: no data at all
    expect(response.data).toBe(role === Role.VENDOR ? undefined : null);
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

  const callDirect = (context?: string) => graphqlRequest(subgraphUrl, '{ me { role } }', { headers: context ? { [CONTEXT_HEADER]: context } : {} });

  it('refuses a request without a verified context', async () => {
    const response = await callDirect();
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a context signed with the caller key instead of the internal key', async () => {
    const forged = await signInternalContext({ subject: 'x', corpId: 'acme', role: Role.ADMIN }, DEV_JWT_SECRET);
    expect(errorCodes(await callDirect(forged))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a caller token passed off as a context', async () => {
    const callerToken = await signCallerToken({ subject: 'x', corpId: 'acme', role: Role.ADMIN }, DEV_INTERNAL_SECRET);
    expect(errorCodes(await callDirect(callerToken))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an expired context', async () => {
    const expired = await new SignJWT({ corp_id: 'acme', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setAudience('corphub-subgraph')
      .setIssuedAt(nowSeconds() - 120)
      .setExpirationTime(nowSeconds() - 60)
      .sign(secretKey(DEV_INTERNAL_SECRET));
    const response = await callDirect(expired);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0].message).toMatch(/expired/);
  });

  it('answers a context the gateway would sign', async () => {
    const context = await signInternalContext({ subject: 'x', corpId: 'acme', role: Role.ANALYST }, DEV_INTERNAL_SECRET);
    const response = await callDirect(context);
    expect(response.data?.me.role).toBe('ANALYST');
  });
});
