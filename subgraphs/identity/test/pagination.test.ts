import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Person } from '@corphub/identity';
import { findReadOnly, scopeToCorp } from '@corphub/module-kit';
import type { GraphQLResponse } from '@corphub/module-kit/testing';

const PAGE = /* GraphQL */ `query($first: Int!, $after: String) {
  people(first: $first, after: $after) { nodes { unionId createdAt } pageInfo { hasNextPage endCursor } }
}`;

/**
 * `people` pages by (createdAt, unionId) after a cursor, read with a row-value comparison: every person exactly
 * once and in order, also across people created in the same millisecond (as a bulk import makes them).
 */
describe('identity: keyset pages of people', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'identity_pagination' });
    a = await seedCorp(hub, 'corp-a', ['Alice'], { modules: [] });
    b = await seedCorp(hub, 'corp-b', ['Bob'], { modules: [] });
    const same = new Date(Date.UTC(2026, 0, 1, 8, 0, 0, 123));
    for (const corp of ['corp-a', 'corp-b']) {
      const em = scopeToCorp(hub.subgraphs.identity.orm.em.fork(), corp);
      for (let i = 0; i < 12; i++) {
        // seven in one millisecond, then five a second apart
        const createdAt = i < 7 ? same : new Date(same.getTime() + (i - 6) * 1000);
        em.persist(Object.assign(new Person(`${corp} person ${i}`), { createdAt }));
      }
      await em.flush();
    }
  });
  afterAll(() => hub?.stop());

  const walk = async (token: string, first: number) => {
    const seen: { unionId: string; createdAt: string }[] = [];
    let after: string | null = null;
    do {
      const response: GraphQLResponse = await hub.request(PAGE, { token, variables: { first, after } });
      expect(response.errors).toBeUndefined();
      const page = response.data!.people as { nodes: { unionId: string; createdAt: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return seen;
  };

  it.each([1, 3, 5, 50])('walks every person of the corp once, in (createdAt, unionId) order, %i a page', async (first) => {
    const all = await walk(a.adminToken, first);
    const sorted = [...all].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || (x.unionId < y.unionId ? -1 : x.unionId > y.unionId ? 1 : 0));
    expect(all).toEqual(sorted);
    expect(new Set(all.map((person) => person.unionId)).size).toBe(all.length);
    // the seeded admin's person and Alice, and the twelve
    expect(all.length).toBe((await hub.request('{ people { totalCount } }', { token: a.adminToken })).data!.people.totalCount);
    expect(all.length).toBeGreaterThanOrEqual(13);
  });

  it('answers the whole Relay PageInfo without another statement: start and end cursors are the edges’ own', async () => {
    const FULL = /* GraphQL */ `query($first: Int!, $after: String) {
      people(first: $first, after: $after) { edges { cursor } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } }
    }`;
    type FullPage = { edges: { cursor: string }[]; pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; startCursor: string | null; endCursor: string | null } };
    const page = async (first: number, after: string | null) => (await hub.request(FULL, { token: a.adminToken, variables: { first, after } })).data!.people as FullPage;
    const statements = async (run: () => Promise<unknown>) => (await hub.queries.during(run)).identity;

    const first = await page(3, null);
    expect(first.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: true, startCursor: first.edges[0].cursor, endCursor: first.edges[2].cursor });
    // paginating forwards the spec lets hasPreviousPage be false unless it is cheap to know: telling would cost a query
    const second = await page(3, first.pageInfo.endCursor);
    expect(second.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: true, startCursor: second.edges[0].cursor, endCursor: second.edges[2].cursor });
    const rest = await page(500, second.pageInfo.endCursor);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, startCursor: rest.edges[0].cursor, endCursor: rest.edges.at(-1)!.cursor });
    expect((await page(5, rest.pageInfo.endCursor)).pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: false, startCursor: null, endCursor: null });

    const withPageInfo = await statements(() => hub.request(FULL, { token: a.adminToken, variables: { first: 3, after: null } }));
    const without = await statements(() => hub.request(`{ people(first: 3) { edges { cursor } } }`, { token: a.adminToken }));
    expect(withPageInfo).toBe(without);
  });

  it('reads a page after a cursor by seeking the (corp, createdAt, unionId) index with a row value', async () => {
    const first: GraphQLResponse = await hub.request(PAGE, { token: a.adminToken, variables: { first: 5, after: null } });
    const after = first.data!.people.pageInfo.endCursor as string;
    hub.queries.reset();
    expect((await hub.request(PAGE, { token: a.adminToken, variables: { first: 5, after } })).errors).toBeUndefined();
    const sql = hub.queries.statementsOf('identity').find((statement) => /from [`"]?(identity[`"]?\.[`"]?)?person[`"]? /i.test(statement))!;
    expect(sql).toMatch(/\([`"]?p0[`"]?\.[`"]?created_at[`"]?, [`"]?p0[`"]?\.[`"]?union_id[`"]?\) > \(/);
    // the plan on SQLite, the embedded default (PostgreSQL logs the statement with $n parameters, and would
    // rather scan a table this small anyway): a seek on the corp and the row value, no sort
    if (hub.database.dialect === 'sqlite') {
      const plan: { detail: string }[] = await hub.subgraphs.identity.orm.em.getConnection().execute(`explain query plan ${sql}`);
      expect(plan.map((row) => row.detail).join('\n')).toMatch(/^SEARCH p0 USING INDEX person_corp_id_created_at_union_id_index \(corp_id=\? AND \(created_at,union_id\)>\(\?,\?\)\)$/);
    }
  });

  it('reads the page outside the unit of work: Person instances, the corp filter applied, nothing tracked', async () => {
    const em = scopeToCorp(hub.subgraphs.identity.orm.em.fork(), 'corp-b');
    const rows = await findReadOnly(em, Person, {}, { orderBy: [['createdAt', 'asc'], ['unionId', 'asc']], limit: 100 });
    expect(rows.length).toBeGreaterThanOrEqual(13);
    expect(rows.every((row) => row instanceof Person && row.corpId === 'corp-b' && row.createdAt instanceof Date)).toBe(true);
    expect(em.getUnitOfWork().getIdentityMap().values()).toEqual([]);
    // plain data properties, no entity wrapper: assigning through the prototype's setters would make one apiece
    expect(rows.every((row) => 'value' in Object.getOwnPropertyDescriptor(row, 'displayName')! && !Object.hasOwn(row, '__helper'))).toBe(true);
    // the same rows em.find gives, in the same order
    expect(rows.map((row) => row.unionId)).toEqual((await em.fork().find(Person, {}, { orderBy: { createdAt: 'asc', unionId: 'asc' } })).map((person) => person.unionId));
  });

  it("never continues into another corp's people after a cursor", async () => {
    const ofA = new Set((await walk(a.adminToken, 4)).map((person) => person.unionId));
    const ofB = await walk(b.adminToken, 4);
    expect(ofB.filter((person) => ofA.has(person.unionId))).toEqual([]);
  });
});
