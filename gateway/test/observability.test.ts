import { Writable } from 'node:stream';
import pino from 'pino';
import { readGatewayConfig } from '@corphub/gateway';
import { seedCorp, startTestHub, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes, graphqlRequest, setEnvironment } from '@corphub/module-kit/testing';

/** Every JSON line a pino logger wrote, parsed. */
class LogLines extends Writable {
  readonly lines: Record<string, any>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(JSON.parse(line));
    done();
  }
  withRequestId(requestId: string) {
    return this.lines.filter((line) => line.requestId === requestId);
  }
}

const metricValue = (text: string, series: string): number => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('logs, metrics and CORS', () => {
  let hub: TestHub;
  let admin: string;
  const logs = new LogLines();

  beforeAll(async () => {
    hub = await startTestHub({
      label: 'observability',
      logger: pino({ level: 'info' }, logs),
      gateway: { corsOrigins: ['https://dash.acme.example'], metricsToken: undefined },
    });
    admin = (await seedCorp(hub, 'acme', ['Ada'])).adminToken;
  });
  afterAll(() => hub?.stop());

  const scrape = async () => (await fetch(new URL('/metrics', hub.url))).text();

  it('logs one request id in the gateway and in the subgraph it called, and answers it', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, 'x-request-id': 'dash-42' },
      body: JSON.stringify({ query: 'query WhoAmI { me { role } }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('dash-42');
    const lines = logs.withRequestId('dash-42');
    // the gateway: the HTTP line and the operation line
    expect(lines).toContainEqual(expect.objectContaining({ component: 'gateway', msg: 'request completed', res: { statusCode: 200 } }));
    expect(lines).toContainEqual(expect.objectContaining({ component: 'gateway', msg: 'graphql operation', operation: 'WhoAmI', outcome: 'ok', corpId: 'acme' }));
    // the subgraph: its own HTTP line, under the same id
    expect(lines).toContainEqual(expect.objectContaining({ subgraph: 'identity', msg: 'request completed', req: { method: 'POST', url: '/graphql' } }));
    // tokens never reach the log
    expect(JSON.stringify(logs.lines)).not.toContain(admin);
  });

  it('makes up a request id when the caller sends none, and passes that one on', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = logs.withRequestId(requestId);
    expect(lines.some((line) => line.component === 'gateway')).toBe(true);
    expect(lines.some((line) => line.subgraph === 'identity')).toBe(true);
  });

  it('counts operations by name and outcome, errors by code, and subgraph fetches', async () => {
    const before = await scrape();
    const ok = 'corphub_gateway_requests_total{operation="Roles",outcome="ok"}';
    const failed = 'corphub_gateway_requests_total{operation="Missing",outcome="failed"}';
    const notFound = 'corphub_gateway_errors_total{code="NOT_FOUND"}';
    const fetches = 'corphub_gateway_subgraph_fetch_duration_seconds_count{subgraph="identity",outcome="ok"}';
    await hub.request('query Roles { me { role } }', { token: admin });
    await hub.request('query Roles { me { role } }', { token: admin });
    await hub.request('query Missing { openId(unionId: "x", appId: "y") }', { token: admin });
    const after = await scrape();
    expect(metricValue(after, ok) - metricValue(before, ok)).toBe(2);
    expect(metricValue(after, failed) - metricValue(before, failed)).toBe(1);
    expect(metricValue(after, notFound) - metricValue(before, notFound)).toBe(1);
    expect(metricValue(after, fetches) - metricValue(before, fetches)).toBe(2);
    expect(after).toContain('corphub_gateway_request_duration_seconds_bucket{le="0.005",operation="Roles",outcome="ok"}');
  });

  it('measures the query plan cache: a repeated operation is a hit', async () => {
    const hits = 'corphub_gateway_query_plan_cache_total{result="hit"}';
    const misses = 'corphub_gateway_query_plan_cache_total{result="miss"}';
    const before = await scrape();
    const query = `query Plan${Date.now()} { me { corp { name } } }`;
    await hub.request(query, { token: admin });
    await hub.request(query, { token: admin });
    await hub.request(query, { token: admin });
    const after = await scrape();
    expect(metricValue(after, misses) - metricValue(before, misses)).toBe(1);
    expect(metricValue(after, hits) - metricValue(before, hits)).toBe(2);
    const ratio = metricValue(after, 'corphub_gateway_query_plan_cache_hit_ratio');
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(1);
  });

  it('answers a CORS preflight for an allowed origin only', async () => {
    const preflight = (origin: string) =>
      fetch(hub.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const allowed = await preflight('https://dash.acme.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.acme.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the query itself with CORS headers for an allowed origin only', async () => {
    const post = (origin: string) =>
      fetch(hub.url, { method: 'POST', headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ query: '{ me { role } }' }) });
    const allowed = await post('https://dash.acme.example');
    expect(await allowed.json()).toEqual({ data: { me: { role: 'ADMIN' } } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.acme.example');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect((await post('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('metrics and health detail behind a token', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ label: 'metrics-token', gateway: { metricsToken: 'scrape-secret' } });
  });
  afterAll(() => hub?.stop());

  it('asks for the metrics token when one is set', async () => {
    const url = new URL('/metrics', hub.url);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-secret!' } })).status).toBe(401);
    const scraped = await fetch(url, { headers: { authorization: 'Bearer scrape-secret' } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('corphub_gateway_requests_total');
  });

  it('says only up or down at /health and /ready, without subgraph names, URLs or reasons', async () => {
    const callers: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-secret!' }, { authorization: `Bearer ${await hub.token({ corp: 'acme' })}` }];
    for (const headers of callers) {
      const health = await fetch(new URL('/health', hub.url), { headers });
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await fetch(new URL('/ready', hub.url), { headers });
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok', supergraph: 'loaded' }]);
    }
  });

  it('shows each subgraph with its URL and latency to the metrics token', async () => {
    const subgraphs = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, { url }]) => [name, { status: 'ok', url, latencyMs: expect.any(Number) }]));
    const headers = { authorization: 'Bearer scrape-secret' };
    expect(await (await fetch(new URL('/health', hub.url), { headers })).json()).toEqual({ status: 'ok', subgraphs });
    expect(await (await fetch(new URL('/ready', hub.url), { headers })).json()).toEqual({ status: 'ok', subgraphs, supergraph: 'loaded' });
  });

  it('says down without saying why, and why to the metrics token', async () => {
    await hub.subgraphs.media.stop();
    try {
      const ready = await fetch(new URL('/ready', hub.url));
      expect([ready.status, await ready.json()]).toEqual([503, { status: 'degraded', supergraph: 'loaded' }]);
      expect(await (await fetch(new URL('/health', hub.url))).json()).toEqual({ status: 'degraded' });
      const detail = (await (await fetch(new URL('/health', hub.url), { headers: { authorization: 'Bearer scrape-secret' } })).json()) as { subgraphs: Record<string, unknown> };
      expect(detail.subgraphs.media).toEqual({ status: 'down', url: hub.subgraphs.media.url, reason: 'unreachable' });
    } finally {
      await hub.subgraphs.media.start();
    }
  });
});

describe('introspection in production', () => {
  let hub: TestHub;
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  beforeAll(async () => {
    // production needs the public URL (the OpenID Connect issuer)
    const restore = setEnvironment({ NODE_ENV: 'production', CORPHUB_PUBLIC_URL: 'https://hub.example.test' });
    try {
      hub = await startTestHub({ label: 'introspection' });
    } finally {
      restore();
    }
  });
  afterAll(() => hub?.stop());

  it('is restricted by default when NODE_ENV=production', () => {
    const production = { NODE_ENV: 'production', CORPHUB_PUBLIC_URL: 'https://hub.example.test' };
    expect(readGatewayConfig(production).restrictIntrospection).toBe(true);
    expect(readGatewayConfig({}).restrictIntrospection).toBe(false);
    expect(readGatewayConfig({ ...production, CORPHUB_RESTRICT_INTROSPECTION: 'false' }).restrictIntrospection).toBe(false);
  });

  it.each([Role.ADMIN, Role.ANALYST, Role.PLATFORM])('answers introspection for a %s token', async (role) => {
    const response = await hub.request(INTROSPECTION, { token: await hub.token({ corp: 'acme', role }) });
    expect(response).toEqual({ status: 200, data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it.each([Role.EMPLOYEE, Role.VENDOR, Role.SERVICE])('refuses introspection to a %s token', async (role) => {
    const token = await hub.token({ corp: 'acme', role, union: 'un_someone', app: 'some-app' });
    for (const query of [INTROSPECTION, '{ __type(name: "Person") { fields { name } } }', '{ me { role } a: __schema { types { name } } }']) {
      const response = await hub.request(query, { token });
      expect(response.status).toBe(403);
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(response.data).toBeUndefined();
    }
  });

  it('gives employees no field suggestions, but still __typename', async () => {
    const token = await hub.token({ corp: 'acme', role: Role.EMPLOYEE, union: 'un_someone' });
    const response = await graphqlRequest(hub.url, '{ me { rol } }', { token });
    expect(response.errors?.[0].message).toBe('Cannot query field "rol" on type "Viewer".');
    const typename = await hub.request('{ __typename }', { token });
    expect(typename).toEqual({ status: 200, data: { __typename: 'Query' } });
  });
});
