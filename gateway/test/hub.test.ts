import { startTestHub, type TestHub } from '@corphub/gateway';
import { DEMO } from '@corphub/shared';

describe('the hub over HTTP', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.stop());

  it('answers /health with each subgraph status', async () => {
    const response = await fetch(new URL('/health', hub.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      subgraphs: { identity: { status: 'ok', url: hub.subgraphs.identity.url, latencyMs: expect.any(Number) } },
    });
  });

  it('answers me for a token', async () => {
    const token = await hub.token({ corp: DEMO.corpId, role: 'analyst' as never });
    const response = await hub.request('{ me { role corp { id } } }', { token });
    expect(response.errors?.[0]).toBeDefined();
  });
});
