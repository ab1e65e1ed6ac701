import { startTestModule, type TestModule } from '@corphub/module-kit/testing';
import { okr } from '../src';
import { caller, QUARTER } from './helpers';

const TOKEN = 'okr-scrape-token';

/** The value of one series in Prometheus text, 0 when absent. */
const valueOf = (text: string, series: string) => Number(text.split('\n').find((line) => line.startsWith(`${series} `))?.slice(series.length + 1) ?? 0);

describe('the module serves /metrics (from the kit)', () => {
  let testModule: TestModule;
  const metricsUrl = () => new URL('/metrics', testModule.url);

  beforeAll(async () => {
    testModule = await startTestModule(okr, { metricsToken: TOKEN });
  });
  afterAll(() => testModule?.stop());

  it('asks for the metrics token', async () => {
    expect((await fetch(metricsUrl())).status).toBe(401);
    expect((await fetch(metricsUrl(), { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
  });

  it('counts operations by name and outcome and errors by code, with process metrics, in Prometheus text', async () => {
    const scrape = async () => {
      const response = await fetch(metricsUrl(), { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    const ok = 'corphub_subgraph_requests_total{operation="Objectives",outcome="ok",subgraph="okr"}';
    const unauthenticated = 'corphub_subgraph_errors_total{code="UNAUTHENTICATED",subgraph="okr"}';
    const before = await scrape();
    const query = `query Objectives($quarter: String!) { okrObjectives(quarter: $quarter) { totalCount } }`;
    expect(await testModule.request(query, { auth: caller('acme'), variables: { quarter: QUARTER } })).toEqual({ status: 200, data: { okrObjectives: { totalCount: 0 } } });
    await testModule.request(query, { auth: caller('acme'), variables: { quarter: QUARTER } });
    // no verified context: refused before it runs
    await testModule.request(query, { variables: { quarter: QUARTER } });
    const after = await scrape();
    expect(valueOf(after, ok) - valueOf(before, ok)).toBe(2);
    expect(after).toMatch(/^corphub_subgraph_request_duration_seconds_count\{subgraph="okr",operation="Objectives",outcome="ok"\} [1-9]/m);
    expect(valueOf(after, unauthenticated) - valueOf(before, unauthenticated)).toBe(1);
    expect(after).toContain('corphub_subgraph_process_cpu_seconds_total{subgraph="okr"}');
  });
});
