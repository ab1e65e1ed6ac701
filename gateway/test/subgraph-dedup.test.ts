/**
 * In-flight deduplication of subgraph reads: identical reads with the same verified context are sent once;
 * anything that differs in the verified context (corp, role, person, app), a mutation, or a call without a
 * caller is always sent on its own. Batches: a caller's reads of one query with other variables travel
 * together. Against a real HTTP server that holds its answers until told, so that "in flight at once" is
 * certain, not a matter of timing; then end to end through the hub.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestHub, seedCorp, type TestHub } from '@corphub/tooling/testing';
import { CONTEXT_HEADER, ContextVerifier, DEV_CONTEXT_PRIVATE_KEY, DEV_CONTEXT_PUBLIC_KEY, Role, type AuthContext } from '@corphub/module-kit';
import { ContextSigningKey } from '../src/auth/tokens';
import { InternalContextSigner } from '../src/context';
import { createSubgraphAgent, createSubgraphFetcher } from '../src/subgraph-fetcher';

type Operation = { query: string; variables?: Record<string, unknown> };

/** What the server answers one operation: `{ data: { context, n } }`, and the variables it was sent. */
const echo = (context: string | null, n: number, operation: Operation) => ({ data: { context, n, variables: operation.variables ?? {} } });

/**
 * Answers each POST (a batch with an array of answers) with the context header it got, once `release()` is
 * called. `refuse` makes it answer a request as a server that cannot or will not.
 */
async function holdingServer(refuse?: (body: Operation | Operation[]) => { status: number; body: unknown } | undefined) {
  const received: { context?: string; body: string }[] = [];
  const held: (() => void)[] = [];
  let arrived: () => void = () => undefined;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const context = req.headers[CONTEXT_HEADER] as string | undefined;
      received.push({ context, body });
      const n = received.length;
      const request = JSON.parse(body) as Operation | Operation[];
      held.push(() => {
        const refused = refuse?.(request);
        const answer = refused?.body ?? (Array.isArray(request) ? request.map((operation) => echo(context ?? null, n, operation)) : echo(context ?? null, n, request));
        res.writeHead(refused?.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
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
    return Promise.all(responses.map(async (response) => ((await response.json()) as ReturnType<typeof echo>)));
  }

  it('sends identical reads with the same verified context once, each caller getting its own parsed copy', async () => {
    const context = await signer.sign(alice, 'directory');
    const answers = await inFlightTogether([[context, READ], [context, READ], [context, READ]], 1);
    expect(server.received).toHaveLength(1);
    expect(shared).toBe(2);
    expect(answers).toEqual([echo(context, 1, { query: '' }), echo(context, 1, { query: '' }), echo(context, 1, { query: '' })]);
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

/** A read of one query with its own variables: a page after `after`. */
const PAGE = (after: string) => JSON.stringify({ query: 'query People__identity__0($after:String){people(first:50 after:$after){nodes{unionId}}}', variables: { after } });
const OTHER_QUERY = (after: string) => JSON.stringify({ query: 'query Apps__identity__0($after:String){apps(first:50 after:$after){nodes{id}}}', variables: { after } });

describe('subgraph fetcher: batches of one caller’s reads', () => {
  const agent = createSubgraphAgent();
  const signer = new InternalContextSigner(new ContextSigningKey(DEV_CONTEXT_PRIVATE_KEY));
  const alice: AuthContext = { subject: 'alice', corpId: 'corp-a', role: Role.EMPLOYEE, unionId: 'un_alice' };
  let server: Awaited<ReturnType<typeof holdingServer>>;
  let batched: number[];
  let fetcher: ReturnType<typeof createSubgraphFetcher>;
  const start = async (refuse?: Parameters<typeof holdingServer>[0], batchSize?: number) => {
    server = await holdingServer(refuse);
    batched = [];
    fetcher = createSubgraphFetcher({ agent, timeoutMs: 5_000, batchSize, onBatched: (size) => batched.push(size) });
  };
  const post = (context: string | undefined, body: string) =>
    fetcher(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(context ? { [CONTEXT_HEADER]: context } : {}) }, body });
  /** How many operations each request the server received carried (a batch: its length; alone: 1). */
  const sizes = () => server.received.map(({ body }) => (body.startsWith('[') ? (JSON.parse(body) as unknown[]).length : 1));
  const answered = async (pending: ReturnType<typeof post>[]) =>
    Promise.all((await Promise.all(pending)).map(async (response) => ({ status: response.status, ...((await response.json()) as ReturnType<typeof echo>) })));

  afterEach(() => server.close());
  afterAll(() => agent.close());

  it('sends reads of one query that arrive together as one batch, each caller getting its own answer', async () => {
    await start();
    const context = await signer.sign(alice, 'identity');
    const pending = ['a', 'b', 'c', 'd', 'e'].map((after) => post(context, PAGE(after)));
    await server.arrivals(1);
    server.release();
    const answers = await answered(pending);
    expect(sizes()).toEqual([5]);
    expect(batched).toEqual([5]);
    expect(answers).toEqual(['a', 'b', 'c', 'd', 'e'].map((after) => ({ status: 200, ...echo(context, 1, { query: '', variables: { after } }) })));
  });

  it('sends a lone read at once; reads that find two batches in flight wait and go together in the next', async () => {
    await start();
    const context = await signer.sign(alice, 'identity');
    const first = post(context, PAGE('a'));
    await server.arrivals(1);
    const second = post(context, PAGE('b'));
    await server.arrivals(2);
    const later = ['c', 'd', 'e'].map((after) => post(context, PAGE(after)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // two in flight: the other three wait
    expect(sizes()).toEqual([1, 1]);
    server.release();
    await server.arrivals(3);
    server.release();
    const answers = await answered([first, second, ...later]);
    expect(sizes()).toEqual([1, 1, 3]);
    expect(answers.map((answer) => answer.data.variables)).toEqual(['a', 'b', 'c', 'd', 'e'].map((after) => ({ after })));
  });

  it('never puts two callers, two queries, a mutation or a call without a caller in one batch', async () => {
    await start();
    const [aliceContext, bobContext] = await Promise.all([signer.sign(alice, 'identity'), signer.sign({ ...alice, subject: 'bob', unionId: 'un_bob' }, 'identity')]);
    const pending = [post(aliceContext, PAGE('a')), post(bobContext, PAGE('b')), post(aliceContext, OTHER_QUERY('c')), post(aliceContext, WRITE), post(undefined, PAGE('d'))];
    await server.arrivals(5);
    server.release();
    const answers = await answered(pending);
    expect(sizes()).toEqual([1, 1, 1, 1, 1]);
    expect(batched).toEqual([]);
    expect(answers.map((answer) => answer.data.context)).toEqual([aliceContext, bobContext, aliceContext, aliceContext, null]);
  });

  it('holds at most `batchSize` reads in a batch', async () => {
    await start(undefined, 2);
    const context = await signer.sign(alice, 'identity');
    const pending = ['a', 'b', 'c', 'd', 'e'].map((after) => post(context, PAGE(after)));
    await server.arrivals(2);
    server.release();
    await server.arrivals(3);
    server.release();
    await answered(pending);
    expect(sizes()).toEqual([2, 2, 1]);
  });

  it('resends a batch one read at a time when it is refused, so each read gets the answer it would have had alone', async () => {
    // a read the subgraph refuses (its variable does not parse there) makes the whole batch a 400
    const refusal = { errors: [{ message: 'Variable "$after" got an invalid value', extensions: { code: 'BAD_USER_INPUT' } }] };
    await start((body) => {
      const operations = Array.isArray(body) ? body : [body];
      return operations.some((operation) => operation.variables?.after === 'bad') ? { status: 400, body: Array.isArray(body) ? operations.map(() => refusal) : refusal } : undefined;
    });
    const context = await signer.sign(alice, 'identity');
    const pending = ['a', 'bad', 'c'].map((after) => post(context, PAGE(after)));
    await server.arrivals(1);
    server.release();
    await server.arrivals(4);
    server.release();
    const answers = await answered(pending);
    expect(sizes()).toEqual([3, 1, 1, 1]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 400, 200]);
    expect(answers[1]).toEqual({ status: 400, ...refusal });
    // still batched afterwards: the subgraph can batch, one read was wrong
    const again = ['x', 'y'].map((after) => post(context, PAGE(after)));
    await server.arrivals(5);
    server.release();
    await answered(again);
    expect(sizes().at(-1)).toBe(2);
  });

  it('gives every read a failing subgraph’s answer to the batch, without sending them again', async () => {
    await start((body) => (Array.isArray(body) ? { status: 503, body: { errors: [{ message: 'Service Unavailable' }] } } : undefined));
    const context = await signer.sign(alice, 'identity');
    const pending = ['a', 'b', 'c'].map((after) => post(context, PAGE(after)));
    await server.arrivals(1);
    server.release();
    const answers = await answered(pending);
    expect(answers.map((answer) => answer.status)).toEqual([503, 503, 503]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sizes()).toEqual([3]);
  });

  it('stops batching to a subgraph that has no batching (Apollo Server without allowBatchedHttpRequests)', async () => {
    await start((body) => (Array.isArray(body) ? { status: 400, body: { errors: [{ message: 'Operation batching disabled.' }] } } : undefined));
    const context = await signer.sign(alice, 'identity');
    const pending = ['a', 'b'].map((after) => post(context, PAGE(after)));
    await server.arrivals(1);
    server.release();
    await server.arrivals(3);
    server.release();
    expect((await answered(pending)).map((answer) => answer.status)).toEqual([200, 200]);
    const again = ['c', 'd'].map((after) => post(context, PAGE(after)));
    await server.arrivals(5);
    server.release();
    await answered(again);
    expect(sizes()).toEqual([2, 1, 1, 1, 1]);
    expect(batched).toEqual([]);
  });
});

describe('deduplication and batches end to end', () => {
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

  it('answers a caller’s concurrent reads with other variables, batched to the subgraph, each with its own answer', async () => {
    const token = await hub.token({ corp: a.corpId, union: a.people[0].unionId, role: Role.ADMIN });
    const PERSON = 'query($u: ID!) { person(unionId: $u) { unionId displayName } }';
    const asked = Array.from({ length: 24 }, (_, i) => (i % 3 === 2 ? 'un_nobody' : a.people[i % 3].unionId));
    const before = (await hub.metrics.subgraphFetchesBatched.get()).values.reduce((sum, value) => sum + value.value, 0);
    const responses = await Promise.all(asked.map((unionId) => hub.request(PERSON, { token, variables: { u: unionId } })));
    responses.forEach((response, i) => {
      if (asked[i] === 'un_nobody') {
        expect(response.data).toEqual({ person: null });
        expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      } else {
        expect(response).toEqual({ status: 200, data: { person: { unionId: asked[i], displayName: a.people[i % 3].displayName } } });
      }
    });
    // 24 requests at once: those that found two batches in flight went in later ones
    const after = (await hub.metrics.subgraphFetchesBatched.get()).values.reduce((sum, value) => sum + value.value, 0);
    expect(after - before).toBeGreaterThan(0);
  });
});
