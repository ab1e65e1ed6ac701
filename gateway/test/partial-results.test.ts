import { identity } from '@corphub/identity';
import { seedCorp, startTestHub, type TestHub } from '@corphub/tooling/testing';
import { errorCodes } from '@corphub/module-kit/testing';
import { dashboard } from './fixtures/dashboard-subgraph';

// generous enough for a loaded 2-core CI machine, short enough to keep the test quick
const TIMEOUT_MS = 1000;
const BOTH = /* GraphQL */ `{ me { corp { name } } department(id: "sales") { name } }`;

// /ready shows each subgraph to the metrics token only
const METRICS_TOKEN = 'partial-metrics';

describe('a slow or dead subgraph gives partial results', () => {
  let hub: TestHub;
  let admin: string;

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, dashboard], label: 'partial', gateway: { subgraphTimeoutMs: { dashboard: TIMEOUT_MS }, metricsToken: METRICS_TOKEN } });
    const corp = await seedCorp(hub, 'acme', ['Ada']);
    admin = corp.adminToken;
    const added = await hub.request(`mutation($u: ID!) { addMember(departmentId: "sales", unionId: $u, title: "Lead", lateCount: 0) }`, {
      token: admin,
      variables: { u: corp.people[0].unionId },
    });
    expect(added.errors).toBeUndefined();
  });
  afterAll(() => hub?.stop());

  const asOperator = { headers: { authorization: `Bearer ${METRICS_TOKEN}` } };
  const metricsText = async () => (await fetch(new URL('/metrics', hub.url), asOperator)).text();
  const metricValue = (text: string, series: string) => Number(text.split('\n').find((line) => line.startsWith(`${series} `))?.slice(series.length + 1) ?? 0);
  const TIMEOUTS = 'corphub_gateway_subgraph_errors_total{subgraph="dashboard",code="SUBGRAPH_TIMEOUT"}';

  it('answers from both subgraphs when both are up', async () => {
    expect(await hub.request(BOTH, { token: admin })).toEqual({ status: 200, data: { me: { corp: { name: 'acme' } }, department: { name: 'Sales' } } });
  });

  it('answers the other fields and a SUBGRAPH_TIMEOUT naming a subgraph that sleeps past its timeout', async () => {
    const timeoutsBefore = metricValue(await metricsText(), TIMEOUTS);
    const started = Date.now();
    const response = await hub.request(`{ me { corp { name } } nap(ms: ${TIMEOUT_MS * 4}) }`, { token: admin });
    const elapsed = Date.now() - started;
    expect(response.data).toEqual({ me: { corp: { name: 'acme' } }, nap: null });
    expect(response.errors).toEqual([
      { message: `Subgraph "dashboard" did not answer within ${TIMEOUT_MS} ms`, extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'dashboard' } },
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(elapsed).toBeLessThan(TIMEOUT_MS * 3);
    expect(metricValue(await metricsText(), TIMEOUTS) - timeoutsBefore).toBe(1);
  });

  it('answers within the timeout when the subgraph is just slow enough', async () => {
    const response = await hub.request(`{ nap(ms: ${TIMEOUT_MS / 10}) }`, { token: admin });
    expect(response).toEqual({ status: 200, data: { nap: TIMEOUT_MS / 10 } });
  });

  it('names a stopped subgraph with SUBGRAPH_UNAVAILABLE, keeps the rest, and recovers when it is back', async () => {
    await hub.subgraphs.dashboard.stop();
    try {
      const response = await hub.request(BOTH, { token: admin });
      expect(response.status).toBe(200);
      expect(response.data).toEqual({ me: { corp: { name: 'acme' } }, department: null });
      expect(response.errors).toEqual([{ message: 'Subgraph "dashboard" is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'dashboard' } }]);
      // a query that needs only the live subgraph is untouched
      expect(await hub.request('{ me { role } }', { token: admin })).toEqual({ status: 200, data: { me: { role: 'ADMIN' } } });
      const ready = await fetch(new URL('/ready', hub.url), asOperator);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'degraded', subgraphs: { dashboard: { status: 'down' }, identity: { status: 'ok' } } });
      expect(await metricsText()).toMatch(/corphub_gateway_requests_total\{operation="\(anonymous\)",outcome="partial"\} [1-9]/);
    } finally {
      await hub.subgraphs.dashboard.start();
    }
    expect(await hub.request(BOTH, { token: admin })).toEqual({ status: 200, data: { me: { corp: { name: 'acme' } }, department: { name: 'Sales' } } });
    expect((await fetch(new URL('/ready', hub.url))).status).toBe(200);
  });

  it('keeps the codes of errors a subgraph answers with', async () => {
    const response = await hub.request(`{ openId(unionId: "un_nobody", appId: "nope") }`, { token: admin });
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.errors![0]).toMatchObject({ path: ['openId'], extensions: { code: 'NOT_FOUND', serviceName: 'identity' } });
  });
});
