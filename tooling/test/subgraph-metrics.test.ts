import { readSecurityConfig } from '@corphub/module-kit';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';

const TOKEN = 'hub-subgraph-scrape';

describe('every hub subgraph serves /metrics', () => {
  let hub: TestHub;

  beforeAll(async () => {
    // the subgraphs' own process configuration, as docker-compose gives it to each
    hub = await startTestHub({ label: 'subgraph-metrics', security: readSecurityConfig({ CORPHUB_METRICS_TOKEN: TOKEN }) });
  });
  afterAll(() => hub?.stop());

  const scrape = (subgraph: string, headers: Record<string, string> = {}) => fetch(new URL('/metrics', hub.subgraphs[subgraph].url), { headers });

  it('behind the metrics token, on each subgraph', async () => {
    for (const name of Object.keys(hub.subgraphs)) {
      expect([name, (await scrape(name)).status]).toEqual([name, 401]);
      const scraped = await scrape(name, { authorization: `Bearer ${TOKEN}` });
      expect([name, scraped.status]).toEqual([name, 200]);
      expect(await scraped.text()).toContain(`corphub_subgraph_process_resident_memory_bytes{subgraph="${name}"}`);
    }
  });

  it("counts the operations the gateway sent, under the query plan's operation names", async () => {
    const response = await hub.request('query WhoAmI { me { role } }', { token: await hub.token({ corp: 'acme' }) });
    expect(response).toEqual({ status: 200, data: { me: { role: 'ADMIN' } } });
    const text = await (await scrape('identity', { authorization: `Bearer ${TOKEN}` })).text();
    expect(text).toMatch(/^corphub_subgraph_requests_total\{operation="WhoAmI__identity__0",outcome="ok",subgraph="identity"\} 1$/m);
  });
});
