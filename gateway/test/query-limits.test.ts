import { identity } from '@corphub/identity';
import { DEFAULT_LIMITS, readGatewayConfig } from '@corphub/gateway';
import { seedCorp, startTestHub, type TestHub } from '@corphub/tooling/testing';
import { ConfigError } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';
import { parse } from 'graphql';
import { dashboard, DASHBOARD_QUERY } from './fixtures/dashboard-subgraph';
import { costCacheKey } from '../src/plugins/use-query-limits';

/** Subgraph fetches the gateway made so far (all subgraphs, all outcomes). */
async function subgraphFetches(hub: TestHub): Promise<number> {
  const { values } = await hub.metrics.subgraphFetchSeconds.get();
  return values.filter((value) => value.metricName?.endsWith('_count')).reduce((sum, value) => sum + value.value, 0);
}

describe('query limits at the gateway', () => {
  let hub: TestHub;
  let admin: string;
  let people: { unionId: string; displayName: string }[];

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, dashboard], label: 'limits' });
    const corp = await seedCorp(hub, 'acme', ['Ada', 'Li Wei', 'Sam']);
    admin = corp.adminToken;
    people = corp.people;
    for (const [index, person] of people.entries()) {
      const added = await hub.request(`mutation($u: ID!, $t: String!, $l: Int!) { addMember(departmentId: "sales", unionId: $u, title: $t, lateCount: $l) }`, {
        token: admin,
        variables: { u: person.unionId, t: `Rep ${index}`, l: index },
      });
      expect(added.errors).toBeUndefined();
    }
  });
  afterAll(() => hub?.stop());

  it('accepts the PRODUCT.md dashboard query with the default limits', async () => {
    const response = await hub.request(DASHBOARD_QUERY, { token: admin });
    expect(response.errors).toBeUndefined();
    expect(response.data!.department.name).toBe('Sales');
    expect(response.data!.department.members.edges.map((edge: any) => edge.node)).toEqual(
      people.map((person, index) => ({
        displayName: person.displayName,
        title: `Rep ${index}`,
        attendance: { lateCount: index, absentDays: 0 },
        expenseClaims: { totalCount: 0, total: null },
        workLogs: { edges: [{ node: { date: '2026-11-30', text: `Rep ${index} log`, voice: null } }] },
      })),
    );
  });

  // App.installation.app.installation…: apps, edges and node are 3 levels, the leaf one more
  const deepQuery = (levels: number) => {
    const fields = Array.from({ length: levels }, (_, i) => (i % 2 === 0 ? 'installation' : 'app'));
    const leaf = levels % 2 === 0 ? 'appId' : 'id';
    return `{ apps(first: 1) { edges { node { ${fields.map((field) => `${field} { `).join('')}${leaf}${' }'.repeat(levels)} } } } }`;
  };

  const refusals: [string, () => string, Record<string, unknown>?][] = [
    ['QUERY_TOO_DEEP', () => deepQuery(DEFAULT_LIMITS.maxDepth)],
    ['TOO_MANY_ALIASES', () => `{ ${Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: me { role }`).join(' ')} }`],
    // eight pages of 500 people, each person ~10 fields: about 40 000 against 30 000
    [
      'QUERY_TOO_COSTLY',
      () => `{ ${['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((alias) => `${alias}: people(first: 500) { edges { cursor node { unionId displayName email createdAt corp { id name timezone } } } }`).join(' ')} }`,
    ],
    ['TOO_MANY_TOKENS', () => `{ me { ${'role '.repeat(DEFAULT_LIMITS.maxTokens)} } }`],
    ['TOO_MANY_DIRECTIVES', () => `{ me { ${'role @include(if: true) '.repeat(DEFAULT_LIMITS.maxDirectives + 1)} } }`],
  ];

  it.each(refusals)('refuses with %s before any subgraph is called', async (code, query) => {
    const before = await subgraphFetches(hub);
    const response = await hub.request(query(), { token: admin });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual([code]);
    expect(response.errors![0].extensions).toMatchObject({ limit: expect.any(Number) });
    expect(response.data).toBeUndefined();
    expect(await subgraphFetches(hub)).toBe(before);
  });

  it('counts `first` given in a variable toward the cost', async () => {
    const page = (alias: string) => `${alias}: people(first: $n) { edges { node { unionId displayName email createdAt corp { id name timezone } } } }`;
    const query = `query($n: Int!) { ${['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(page).join(' ')} }`;
    expect((await hub.request(query, { token: admin, variables: { n: 10 } })).errors).toBeUndefined();
    expect(errorCodes(await hub.request(query, { token: admin, variables: { n: 500 } }))).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('counts a selection by the variable of its @include or @skip', async () => {
    const pages = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((alias) => `${alias}: people(first: 500) { edges { node { unionId displayName email createdAt corp { id name timezone } } } }`).join(' ');
    const query = `query($wide: Boolean!, $narrow: Boolean!) { me { role } ... @include(if: $wide) { ${pages} } ... @skip(if: $narrow) { ${pages} } }`;
    expect((await hub.request(query, { token: admin, variables: { wide: false, narrow: true } })).errors).toBeUndefined();
    expect(errorCodes(await hub.request(query, { token: admin, variables: { wide: true, narrow: true } }))).toEqual(['QUERY_TOO_COSTLY']);
    expect(errorCodes(await hub.request(query, { token: admin, variables: { wide: false, narrow: false } }))).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('caches a cost by the variables it depends on, not by a cursor', () => {
    const document = parse(`query Page($n: Int, $after: String, $x: Boolean!) { people(first: $n, after: $after) { nodes { unionId @include(if: $x) } } }`);
    const key = (variables: Record<string, unknown>) => costCacheKey(document, 'Page', variables);
    expect(key({ n: 50, after: 'a', x: true })).toBe(key({ n: 50, after: 'b', x: true }));
    expect(key({ n: 50, after: 'a', x: true })).not.toBe(key({ n: 500, after: 'a', x: true }));
    expect(key({ n: 50, x: true })).not.toBe(key({ n: 50, x: false }));
    // left out, its default applies: not the same as null
    expect(key({ x: true })).not.toBe(key({ n: null, x: true }));
    expect(costCacheKey(document, 'Other', { n: 50, x: true })).not.toBe(key({ n: 50, x: true }));
  });

  it('accepts a query just within the depth limit', async () => {
    const response = await hub.request(deepQuery(DEFAULT_LIMITS.maxDepth - 4), { token: admin });
    expect(response.errors).toBeUndefined();
  });

  it('refuses a request body over the size limit with 413 and its code', async () => {
    const before = await subgraphFetches(hub);
    const response = await hub.request('query($x: String) { me { role } }', { token: admin, variables: { x: 'x'.repeat(DEFAULT_LIMITS.maxBodyBytes) } });
    expect(response.status).toBe(413);
    expect(errorCodes(response)).toEqual(['REQUEST_TOO_LARGE']);
    expect(await subgraphFetches(hub)).toBe(before);
  });
});

describe('query limits from the environment', () => {
  it('reads every limit from its variable', () => {
    const config = readGatewayConfig({
      CORPHUB_MAX_DEPTH: '7',
      CORPHUB_MAX_ALIASES: '3',
      CORPHUB_MAX_COST: '100',
      CORPHUB_MAX_TOKENS: '50',
      CORPHUB_MAX_DIRECTIVES: '4',
      CORPHUB_MAX_BODY_BYTES: '2048',
      CORPHUB_SUBGRAPH_TIMEOUT_MS: '3000',
      CORPHUB_SUBGRAPH_EXPENSES_TIMEOUT_MS: '20000',
    });
    expect(config.limits).toEqual({ maxDepth: 7, maxAliases: 3, maxCost: 100, maxTokens: 50, maxDirectives: 4, maxBodyBytes: 2048 });
    expect(config.subgraphTimeoutMs).toEqual({ default: 3000, expenses: 20000 });
  });

  it('keeps the defaults when nothing is set', () => {
    expect(readGatewayConfig({}).limits).toEqual(DEFAULT_LIMITS);
  });

  it('reads the subgraph batch size (1 sends every read on its own)', () => {
    expect(readGatewayConfig({}).subgraphBatchSize).toBe(16);
    expect(readGatewayConfig({ CORPHUB_SUBGRAPH_BATCH_SIZE: '1' }).subgraphBatchSize).toBe(1);
    expect(() => readGatewayConfig({ CORPHUB_SUBGRAPH_BATCH_SIZE: '0' })).toThrow(/CORPHUB_SUBGRAPH_BATCH_SIZE/);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => readGatewayConfig({ CORPHUB_MAX_DEPTH: 'ten' })).toThrow(ConfigError);
    expect(() => readGatewayConfig({ CORPHUB_MAX_COST: '0' })).toThrow(/CORPHUB_MAX_COST/);
  });

  it('applies a lower limit given to the hub', async () => {
    const hub = await startTestHub({ label: 'limits-env', gateway: { limits: { maxDepth: 2 } } });
    try {
      const token = await hub.token({ corp: 'acme' });
      expect(errorCodes(await hub.request('{ me { corp { id } } }', { token }))).toEqual(['QUERY_TOO_DEEP']);
      expect(errorCodes(await hub.request('{ me { role } }', { token }))).toEqual([]);
    } finally {
      await hub.stop();
    }
  });
});
