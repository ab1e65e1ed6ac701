import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppGraphClient, errorCodeOf, Role } from '@corphub/module-kit';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { hire, seedCorp, startTestHub, type TestHub } from '../src/testing';

jest.setTimeout(120_000);

/**
 * A stand-in for the hub's token endpoint in front of the real one: counts token requests and, when told,
 * spoils the next answer's token (as a token the hub no longer accepts) or answers 502 (a proxy whose hub is down).
 */
async function startTokenFront(hubUrl: string) {
  const seen: { corpId: string; authorization: string }[] = [];
  const mode = { spoilNext: false, down: false };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => void answer(req, res, body));
  });
  const answer = async (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    seen.push({ corpId: new URLSearchParams(body).get('corp_id') ?? '', authorization: req.headers.authorization ?? '' });
    if (mode.down) {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
      return;
    }
    const upstream = await fetch(new URL('/oauth/token', hubUrl), { method: 'POST', headers: { 'content-type': req.headers['content-type']!, authorization: req.headers.authorization! }, body });
    const json = (await upstream.json()) as { access_token?: string };
    if (mode.spoilNext && json.access_token) {
      mode.spoilNext = false;
      json.access_token = `${json.access_token.slice(0, -4)}AAAA`;
    }
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
  return { url, seen, mode, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const EMPLOYEES = /* GraphQL */ `query AppEmployees { employees(first: 5) { totalCount } }`;

describe('AppGraphClient: a vendor module calls the graph as its app (OAuth client credentials)', () => {
  let hub: TestHub;
  let front: Awaited<ReturnType<typeof startTokenFront>>;
  let secret: string;
  const clientWith = (appSecret: string | undefined, gatewayUrl = `${hub.url}`) =>
    new AppGraphClient({ appId: 'graph-app', appSecret, gatewayUrl: () => gatewayUrl, tokenUrl: () => front.url });
  const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as Error);

  beforeAll(async () => {
    hub = await startTestHub({ label: 'app_graph_client', subgraphs: [identity, directory] });
    const staff = { acme: ['Ada', 'Bo'], globex: ['Gus'], beta: ['Cy'] };
    for (const [corpId, names] of Object.entries(staff)) {
      const corp = await seedCorp(hub, corpId);
      for (const name of names) await hire(hub, corp, name);
    }
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    const registered = await hub.request(`mutation { registerApp(input: { appId: "graph-app", name: "Graph app", vendor: "V" }) { secret } }`, { token: platform });
    secret = registered.data!.registerApp.secret as string;
    for (const corp of ['acme', 'globex']) {
      const installed = await hub.request(`mutation { installApp(appId: "graph-app") { status } }`, { token: await hub.token({ corp }) });
      expect(installed.data).toEqual({ installApp: { status: 'INSTALLED' } });
    }
    front = await startTokenFront(hub.url);
  });
  afterAll(async () => {
    await front?.stop();
    await hub?.stop();
  });
  beforeEach(() => {
    front.seen.length = 0;
    Object.assign(front.mode, { spoilNext: false, down: false });
  });

  it('takes one token per corp with HTTP Basic credentials, keeps it, and reads each corp as the app', async () => {
    const client = clientWith(secret);
    expect(await client.request('acme', EMPLOYEES)).toEqual({ employees: { totalCount: 2 } });
    expect(await client.request('acme', EMPLOYEES)).toEqual({ employees: { totalCount: 2 } });
    expect(await client.request('globex', EMPLOYEES)).toEqual({ employees: { totalCount: 1 } });
    expect(front.seen).toEqual([
      { corpId: 'acme', authorization: `Basic ${Buffer.from(`graph-app:${secret}`).toString('base64')}` },
      { corpId: 'globex', authorization: expect.stringMatching(/^Basic /) },
    ]);
  });

  it('asks once for callers that arrive together', async () => {
    const client = clientWith(secret);
    await Promise.all([client.request('acme', EMPLOYEES), client.request('acme', EMPLOYEES), client.request('acme', EMPLOYEES)]);
    expect(front.seen).toHaveLength(1);
  });

  it('on a 401 takes a new token and sends the request once more', async () => {
    const client = clientWith(secret);
    front.mode.spoilNext = true;
    expect(await client.request('acme', EMPLOYEES)).toEqual({ employees: { totalCount: 2 } });
    expect(front.seen).toHaveLength(2);
  });

  it('a wrong or missing app secret is NOT_CONFIGURED (none is sent when there is none)', async () => {
    const wrong = await failureOf(clientWith('not-the-secret').request('acme', EMPLOYEES));
    expect(errorCodeOf(wrong)).toBe('NOT_CONFIGURED');
    expect(wrong!.message).toMatch(/invalid_client/);
    expect(front.seen).toHaveLength(1);
    const missing = await failureOf(clientWith(undefined).request('acme', EMPLOYEES));
    expect(errorCodeOf(missing)).toBe('NOT_CONFIGURED');
    expect(front.seen).toHaveLength(1);
  });

  it('a corp that did not install the app is FORBIDDEN, and the refusal is not kept', async () => {
    const client = clientWith(secret);
    const refused = await failureOf(client.request('beta', EMPLOYEES));
    expect(errorCodeOf(refused)).toBe('FORBIDDEN');
    expect(refused!.message).toMatch(/unauthorized_client/);
    const installed = await hub.request(`mutation { installApp(appId: "graph-app") { status } }`, { token: await hub.token({ corp: 'beta' }) });
    expect(installed.errors).toBeUndefined();
    expect(await client.request('beta', EMPLOYEES)).toEqual({ employees: { totalCount: 1 } });
  });

  it('a hub that cannot be reached, or answers 5xx, is SUBGRAPH_UNAVAILABLE naming the app', async () => {
    front.mode.down = true;
    const down = await failureOf(clientWith(secret).request('acme', EMPLOYEES));
    expect(down).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'graph-app' } });
    front.mode.down = false;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await failureOf(clientWith(secret, deadUrl).request('acme', 'mutation { x }'));
    expect(unreachable).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'graph-app' } });
  });

  it('rethrows a GraphQL error of the graph with its code', async () => {
    const failure = await failureOf(clientWith(secret).request('acme', `query { employee(unionId: "un_nobody") { unionId } }`));
    expect(errorCodeOf(failure)).toBe('NOT_FOUND');
  });
});
