import { seedCorp, startTestHub, type SeededCorp, type TestHub, createDepartments } from '@corphub/tooling/testing';
import { Role, scopeToCorp } from '@corphub/module-kit';
import { Department, Employee, Membership } from '@corphub/directory';
import { WorkLog, WorkLogAudience, WorkLogComment, WorkLogDepartment, WorkLogKind, WorkLogRead, WorkLogVisibility } from '@corphub/logs';
import type { GraphQLResponse } from '@corphub/module-kit/testing';
import { letTimersRun } from '@corphub/module-kit/testing';

const MEMBERS = 520;

const DASHBOARD = `query($first: Int!) {
  department(id: "big") {
    members(first: $first) {
      nodes { unionId displayName workLogs(first: 1) { totalCount edges { cursor node { date text visibility readByMe author { unionId } comments { text author { unionId } } readBy { unionId } voice { id } attachments { id } } } } }
    }
  }
}`;

const FEED = `query($first: Int!) {
  workLogFeed(first: $first) {
    totalCount
    nodes { id text author { unionId displayName } comments { text } readBy { unionId } readByMe }
  }
}`;

describe('logs: SQL statements and graph calls do not grow with the page size', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let viewer: string;

  beforeAll(async () => {
    // this suite counts statements, not time: on a loaded 2-core machine with PostgreSQL the first page of 500
    // members can take longer than the gateway's default 10 s per subgraph
    hub = await startTestHub({ label: 'logs_batching', gateway: { subgraphTimeoutMs: { default: 60_000 } } });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    await createDepartments(hub, a, [['big', 'Big', null]]);
    // written straight through the ORM (the graph would take minutes): MEMBERS employees, two logs each
    const directory = scopeToCorp(hub.subgraphs.directory.orm.em.fork(), 'corp-a');
    const unionIds: string[] = [];
    await directory.transactional(async (tx) => {
      const big = await tx.findOneOrFail(Department, { id: 'big' });
      for (let i = 0; i < MEMBERS; i++) {
        const employee = new Employee(`un_logs${String(i).padStart(4, '0')}`, `Member ${String(i).padStart(4, '0')}`, '2025-01-01');
        employee.refreshSearchText();
        tx.persist(employee);
        tx.persist(new Membership(tx.getReference(Employee, employee.key, { wrapped: true }), tx.getReference(Department, big.key, { wrapped: true }), true));
        unionIds.push(employee.unionId);
      }
    });
    const logs = scopeToCorp(hub.subgraphs.logs.orm.em.fork(), 'corp-a');
    await logs.transactional(async (tx) => {
      for (const [i, unionId] of unionIds.entries()) {
        for (const [day, date] of ['2026-11-23', '2026-11-24'].entries()) {
          const log = new WorkLog(unionId, WorkLogKind.DAILY, `log ${i} ${date}`, i % 2 ? WorkLogVisibility.CORP : WorkLogVisibility.DEPARTMENT);
          Object.assign(log, { date, createdAt: new Date(Date.UTC(2026, 10, 23 + day, 10, 0, 0, i)) });
          tx.persist(log);
          const ref = tx.getReference(WorkLog, log.id, { wrapped: true });
          tx.persist(new WorkLogAudience(ref, `u:${unionId}`));
          tx.persist(new WorkLogAudience(ref, i % 2 ? '*' : 'd:big'));
          tx.persist(new WorkLogDepartment(ref, 'big'));
          tx.persist(new WorkLogComment(ref, unionIds[(i + 1) % unionIds.length], 'well done'));
          tx.persist(new WorkLogRead(ref, unionIds[(i + 2) % unionIds.length]));
        }
      }
      await tx.flush();
    });
    viewer = await hub.token({ corp: 'corp-a', role: Role.EMPLOYEE, union: unionIds[3] });
    await letTimersRun();
    // a keep-alive socket may have timed out on both ends during the long ORM writes: one throwaway request lets it go
    await hub.request('{ workLogUnreadCount }', { token: viewer }).catch(() => undefined);
    // thousands of rows through the ORM: minutes on a loaded 2-core machine with PostgreSQL
  }, 240_000);
  afterAll(() => hub?.stop());

  const statementsFor = async (query: string, first: number, token: string) => {
    let response: GraphQLResponse | undefined;
    const counts = await hub.queries.during(async () => {
      response = await hub.request(query, { token, variables: { first } });
    });
    expect(response!.errors).toBeUndefined();
    return { counts, data: response!.data! };
  };

  it('reads the newest log of 500 members (the dashboard) with the same statements as of one', async () => {
    const one = await statementsFor(DASHBOARD, 1, viewer);
    const many = await statementsFor(DASHBOARD, 500, viewer);
    const nodes = many.data.department.members.nodes;
    expect(nodes).toHaveLength(500);
    expect(nodes[0].workLogs).toMatchObject({ totalCount: 2, edges: [{ node: { date: '2026-11-24', comments: [{ text: 'well done' }], readBy: [expect.any(Object)] } }] });
    expect(many.counts).toEqual(one.counts);
    expect(many.counts.logs).toBeLessThanOrEqual(6);
  });

  // two logs already hold both kinds of audience (CORP and DEPARTMENT), whose members unreadBy asks the directory for
  it('pages the feed (with comments, receipts and unreadBy) with the same statements for 2 and 500 logs', async () => {
    for (const token of [viewer, a.adminToken]) {
      const one = await statementsFor(FEED, 2, token);
      const many = await statementsFor(FEED, 500, token);
      expect(many.data.workLogFeed.nodes).toHaveLength(500);
      expect(many.data.workLogFeed.totalCount).toBe(2 * MEMBERS);
      expect(many.counts).toEqual(one.counts);
      expect(many.counts.logs).toBeLessThanOrEqual(7);
    }
  });

  it('lists unreadBy with the same statements for 2 and 60 logs', async () => {
    const query = `query($first: Int!) { workLogFeed(first: $first) { nodes { unreadBy(first: 20) { totalCount nodes { unionId } } } } }`;
    const one = await statementsFor(query, 2, viewer);
    const many = await statementsFor(query, 60, viewer);
    expect(many.data.workLogFeed.nodes[0].unreadBy.totalCount).toBeGreaterThan(500);
    expect(many.counts).toEqual(one.counts);
  });

  it('pages unreadBy through every intended reader, past 500 (no cap)', async () => {
    // the newest log: a CORP log by the last member, read by one other member
    const newest = (await statementsFor(`query($first: Int!) { workLogFeed(first: $first) { nodes { id visibility author { unionId } readBy { unionId } } } }`, 1, a.adminToken)).data.workLogFeed.nodes[0];
    expect(newest.visibility).toBe('CORP');
    const employees = await hub.request(`{ employees(first: 1) { totalCount } }`, { token: a.adminToken });
    const everyone = employees.data!.employees.totalCount as number;
    expect(everyone).toBe(MEMBERS);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response: GraphQLResponse = await hub.request(`query($id: ID!, $after: String) { workLog(id: $id) { unreadBy(first: 200, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { unionId } } } }`, {
        token: a.adminToken,
        variables: { id: newest.id, after },
      });
      expect(response.errors).toBeUndefined();
      const page: { totalCount: number; nodes: { unionId: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = response.data!.workLog.unreadBy;
      expect(page.totalCount).toBe(everyone - 1 - newest.readBy.length);
      seen.push(...page.nodes.map((node) => node.unionId));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(Math.ceil((everyone - 2) / 200));
    expect(seen).toHaveLength(everyone - 2);
    expect(seen.length).toBeGreaterThan(500);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen).not.toContain(newest.author.unionId);
    expect(seen).not.toContain(newest.readBy[0].unionId);
  });
});
