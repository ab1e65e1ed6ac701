import { SignJWT } from 'jose';
import { seedCorp, startTestHub, type TestHub } from '@corphub/tooling/testing';
import { DEV_INTERNAL_SECRET, GatewayClient, ISSUER, signServiceToken } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';

describe('service calls through the gateway', () => {
  let hub: TestHub;
  let client: GatewayClient;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'service' });
    await seedCorp(hub, 'corp-a', ['Alice']);
    await seedCorp(hub, 'corp-b', ['Bob']);
    client = new GatewayClient({ service: 'expenses', gatewayUrl: () => hub.url, internalSecret: DEV_INTERNAL_SECRET });
  });
  afterAll(() => hub?.stop());

  it("reads one corp's graph as the service role", async () => {
    const data = await client.request<{ me: unknown; people: { nodes: unknown[] } }>('corp-a', '{ me { role subject corp { id } } people { nodes { displayName } } }');
    expect(data).toEqual({ me: { role: 'SERVICE', subject: 'service:expenses', corp: { id: 'corp-a' } }, people: { nodes: [{ displayName: 'Alice' }] } });
  });

  it('rethrows errors from the graph with their code', async () => {
    await expect(client.request('corp-a', `mutation { addPerson(input: { displayName: "X" }) { unionId } }`)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('refuses a service token signed with another key', async () => {
    const forged = await signServiceToken({ name: 'expenses', corpId: 'corp-a' }, 'not-the-internal-secret-but-long-enough');
    expect(errorCodes(await hub.request('{ me { role } }', { token: forged }))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a service-audience token that claims another role', async () => {
    const token = await new SignJWT({ corp_id: 'corp-a', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('service:expenses')
      .setIssuer(ISSUER)
      .setAudience('corphub-service')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(DEV_INTERNAL_SECRET));
    expect(errorCodes(await hub.request('{ me { role } }', { token }))).toEqual(['UNAUTHENTICATED']);
  });
});
