import { createPublicKey } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { directory } from '@corphub/directory';
import { identity } from '@corphub/identity';
import { CONTEXT_HEADER, CONTEXT_KEYS_PATH, DEV_CONTEXT_PUBLIC_KEY, readSecurityConfig, Role, subgraphAudience } from '@corphub/module-kit';
import { errorCodes, graphqlRequest, signTestContext } from '@corphub/module-kit/testing';
import { seedCorp, startTestHub, type TestHub } from '@corphub/tooling/testing';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the verified context's key: the gateway publishes it, subgraphs fetch it", () => {
  let hub: TestHub;

  beforeAll(async () => {
    const port = await freePort();
    // every subgraph of this hub holds only the gateway's JWKS URL: no public key, no secret that signs contexts
    const security = { ...readSecurityConfig({}), contextPublicKey: undefined, contextJwksUrl: `http://127.0.0.1:${port}${CONTEXT_KEYS_PATH}` };
    hub = await startTestHub({ label: 'context_keys', subgraphs: [identity, directory], port, security });
  });
  afterAll(() => hub?.stop());

  it('serves the public key as a JWKS, without its private part', async () => {
    const response = await fetch(new URL(CONTEXT_KEYS_PATH, hub.url));
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), alg: 'EdDSA', use: 'sig', kid: expect.any(String) }]);
    expect(createPublicKey({ key: keys[0], format: 'jwk' }).export({ type: 'spki', format: 'pem' })).toBe(DEV_CONTEXT_PUBLIC_KEY);
  });

  it('answers through the gateway with subgraphs configured only with the JWKS URL', async () => {
    const acme = await seedCorp(hub, 'acme', ['Ada', 'Bo']);
    const response = await hub.request(`{ people { totalCount } departments { id } }`, { token: acme.adminToken });
    expect(response).toEqual({ status: 200, data: { people: { totalCount: 2 }, departments: [] } });
  });

  it("refuses, with the fetched key too, a context for another subgraph's audience", async () => {
    const call = async (audience: string) =>
      graphqlRequest(hub.subgraphs.directory.url, '{ departments { id } }', {
        headers: { [CONTEXT_HEADER]: await signTestContext({ subject: 'x', corpId: 'acme', role: Role.ADMIN }, audience) },
      });
    expect((await call(subgraphAudience('directory'))).data).toEqual({ departments: [] });
    const refused = await call(subgraphAudience('identity'));
    expect(refused.status).toBe(401);
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
  });
});
