/**
 * In-flight deduplication of subgraph reads: identical reads with the same verified context are sent once;
 * anything that differs in the verified context (corp, role, person, app), a mutation, or a call without a
 * caller is always sent on its own. Against a real HTTP server that holds its answers until told, so that
 * "in flight at once" is certain, not a matter of timing; then end to end through the hub.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestHub, seedCorp, type TestHub } from '@corphub/gateway';
import { CONTEXT_HEADER, ContextSigningKey, ContextVerifier, DEV_CONTEXT_PRIVATE_KEY, DEV_CONTEXT_PUBLIC_KEY, Role, type AuthContext } from '@corphub/shared';
import { InternalContextSigner } from '../src/context';
import { createSubgraphAgent, createSubgraphFetcher } from '../src/subgraph-fetcher';

/** Answers each POST with the context header it got, once `release()` is called. */
async function holdingServer() {
  const received: { context?: string; body: string }[] = [];
  const held: (() => void)[] = [];
  let arrived: () => void = () => undefined;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const context = req.headers[CONTEXT_HEADER] as string | undefined;
      received.push({ context, body });
      held.push(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { context: context ?? null, n: received.length } }));
      });
      arrived();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    /** Resolves once `count` requests have arrived. */
    arrivals: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => (received.length >= count ? resolve() : undefined);
        arrived = check;
        check();
      }),
    release: () => held.splice(0).forEach((answer) => answer()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const READ = JSON.stringify({ query: 'query Me__identity__0{me{unionId}}', variables: {} });
const WRITE = JSON.stringify({ query: 'mutation Add__identity__0($n:String!){addPerson(input:{displayName:$n}){unionId}}', variables: { n: 'x' } });

describe('subgraph fetcher: in-flight deduplication', () => {
  let server: Awaited<ReturnType<typeof holdingServer>>;
  const agent = createSubgraphAgent();
  let shared = 0;
  const fetcher = createSubgraphFetcher({ agent, timeoutMs: 5_000, onShared: () => shared++ });
  const signer = new InternalContextSigner(new ContextSigningKey(DEV_CONTEXT_PRIVATE_KEY));
  const directory = new ContextVerifier({ contextPublicKey: DEV_CONTEXT_PUBLIC_KEY }, 'directory');
  const post = (context: string | undefined, body: string) =>
    fetcher(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(context ? { [CONTEXT_HEADER]: context } : {}) }, body });
  const alice: AuthContext = { subject: 'alice', corpId: 'corp-a', role: Role.EMPLOYEE, unionId: 'un_alice' };

  beforeEach(async () => {
    server = await holdingServer();
    shared = 0;
  });
  afterEach(() => server.close());
  afterAll(() => agent.close());

  /** Sends every request at once, lets the first `expected` arrive, then answers them all. */
  async function inFlightTogether(requests: [string | undefined, string][], expected: number) {
    const pending = requests.map(([context, body]) => post(context, body));
    await server.arrivals(expected);
    server.release();
    const responses = await Promise.all(pending);
    // anything sent late would arrive after the release: answer it too before counting
    server.release();
    return Promise.all(responses.map((response) => response.json() as Promise<{ data: { context: string | null; n: number } }>));
  }

  it('sends identical reads with the same verified context once, each caller getting its own parsed copy', async () => {
    const context = await signer.sign(alice, 'directory');
    const answers = await inFlightTogether([[context, READ], [context, READ], [context, READ]], 1);
    expect(server.received).toHaveLength(1);
    expect(shared).toBe(2);
    expect(answers).toEqual([{ data: { context, n: 1 } }, { data: { context, n: 1 } }, { data: { context, n: 1 } }]);
    answers[0].data.n = 99;
    expect(answers[1].data.n).toBe(1);
  });

  it('never shares across corps, roles, people or apps, even for the same query', async () => {
    const contexts = await Promise.all([
      signer.sign(alice, 'directory'),
      signer.sign({ ...alice, corpId: 'corp-b' }, 'directory'),
      signer.sign({ ...alice, role: Role.ADMIN }, 'directory'),
      signer.sign({ ...alice, subject: 'bob', unionId: 'un_bob' }, 'directory'),
      signer.sign({ ...alice, appId: 'expenses' }, 'directory'),
    ]);
    expect(new Set(contexts).size).toBe(5);
    const answers = await inFlightTogether(contexts.map((context) => [context, READ]), contexts.length);
    expect(server.received).toHaveLength(5);
    expect(shared).toBe(0);
    // each caller gets the answer made for its own context
    expect(answers.map((answer) => answer.data.context)).toEqual(contexts);
    const identities = await Promise.all(contexts.map((context) => directory.verify(context)));
    expect(identities.map(({ corpId, role, unionId, appId }) => [corpId, role, unionId, appId ?? null])).toEqual([
      ['corp-a', Role.EMPLOYEE, 'un_alice', null],
      ['corp-b', Role.EMPLOYEE, 'un_alice', null],
      ['corp-a', Role.ADMIN, 'un_alice', null],
      ['corp-a', Role.EMPLOYEE, 'un_bob', null],
      ['corp-a', Role.EMPLOYEE, 'un_alice', 'expenses'],
    ]);
  });

  it('always sends mutations and calls without a verified context', async () => {
    const context = await signer.sign(alice, 'directory');
    await inFlightTogether([[context, WRITE], [context, WRITE], [undefined, READ], [undefined, READ]], 4);
    expect(server.received).toHaveLength(4);
    expect(shared).toBe(0);
  });

  it('shares only while in flight: the same read afterwards is sent again', async () => {
    const context = await signer.sign(alice, 'directory');
    await inFlightTogether([[context, READ]], 1);
    await inFlightTogether([[context, READ]], 2);
    expect(server.received).toHaveLength(2);
    expect(shared).toBe(0);
  });

  it('signs one verified context per caller identity and subgraph and reuses it', async () => {
    const first = await signer.sign(alice, 'directory');
    expect(await signer.sign({ ...alice }, 'directory')).toBe(first);
    expect(await directory.verify(first)).toEqual({ ...alice, appId: undefined });
    // another subgraph gets its own token, which the directory refuses
    const okr = await signer.sign(alice, 'okr');
    expect(okr).not.toBe(first);
    expect(await signer.sign({ ...alice }, 'okr')).toBe(okr);
    await expect(directory.verify(okr)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('shares identical reads per subgraph: the same caller and query to two subgraphs is sent to each', async () => {
    const [toDirectory, toOkr] = await Promise.all([signer.sign(alice, 'directory'), signer.sign(alice, 'okr')]);
    await inFlightTogether([[toDirectory, READ], [toDirectory, READ], [toOkr, READ], [toOkr, READ]], 2);
    expect(server.received).toHaveLength(2);
    expect(shared).toBe(2);
  });
});

describe('deduplication end to end: concurrent identical queries from different callers', () => {
  let hub: TestHub;
  let a: Awaited<ReturnType<typeof seedCorp>>;
  let b: Awaited<ReturnType<typeof seedCorp>>;
  beforeAll(async () => {
    hub = await startTestHub({ label: 'dedup' });
    a = await seedCorp(hub, 'dedup-a', ['Ann', 'Abe']);
    b = await seedCorp(hub, 'dedup-b', ['Bea']);
  });
  afterAll(() => hub?.stop());

  it('answers every caller with its own data, never another caller’s', async () => {
    const callers = [
      { corp: a.corpId, union: a.people[0].unionId, role: Role.ADMIN },
      { corp: a.corpId, union: a.people[1].unionId, role: Role.EMPLOYEE },
      { corp: b.corpId, union: b.people[0].unionId, role: Role.EMPLOYEE },
    ];
    const tokens = await Promise.all(callers.map((caller) => hub.token(caller)));
    const ME = '{ me { unionId role corp { id } } }';
    // 30 requests at once, the three callers interleaved, the same query text
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => hub.request(ME, { token: tokens[i % 3] })));
    responses.forEach((response, i) => {
      const caller = callers[i % 3];
      expect(response).toEqual({ status: 200, data: { me: { unionId: caller.union, role: caller.role.toUpperCase(), corp: { id: caller.corp } } } });
    });
  });
});
