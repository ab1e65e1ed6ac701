import { benchmarkPeople, startTestHub, type TestHub } from '@corphub/gateway';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { expenses } from '@corphub/expenses';
import { DEMO, DEMO_PEOPLE, Role } from '@corphub/shared';

describe('expenses seeds', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'expenses_seed' });
  });
  afterAll(() => hub?.stop());

  it('seeds the demo people’s claims idempotently, in several states, so the dashboard query runs', async () => {
    for (let run = 0; run < 2; run++) {
      await identity.seedDemo!(hub.subgraphs.identity.orm);
      await directory.seedDemo!(hub.subgraphs.directory.orm);
      await expenses.seedDemo!(hub.subgraphs.expenses.orm);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    const token = await hub.token({ corp: DEMO.corpId });
    const response = await hub.request(
      `{ department(id: "sales") { members(first: 50, includeSubdepartments: true) { edges { node { displayName expenseClaims(status: SUBMITTED) { totalCount total { amount currency } } all: expenseClaims { totalCount nodes { status } } } } } } }`,
      { token },
    );
    expect(response.errors).toBeUndefined();
    const members = response.data!.department.members.edges.map((edge: { node: any }) => edge.node);
    expect(members).toHaveLength(10);
    for (const member of members) expect(member.all.totalCount).toBe(2);
    const statuses = new Set(members.flatMap((member: any) => member.all.nodes.map((node: { status: string }) => node.status)));
    expect([...statuses].sort()).toEqual(['APPROVED', 'DRAFT', 'PAID', 'REJECTED', 'SUBMITTED', 'WITHDRAWN']);
    expect(members.some((member: any) => member.expenseClaims.totalCount > 0 && member.expenseClaims.total)).toBe(true);
    // the seeded submitted claims await the finance people
    const wang = DEMO_PEOPLE.find((person) => person.email === 'wang.fang@demo.example')!;
    const pending = await hub.request(`{ pendingApprovals(first: 100) { totalCount } }`, { token: await hub.token({ corp: DEMO.corpId, role: Role.EMPLOYEE, union: wang.unionId }) });
    expect(pending.data!.pendingApprovals.totalCount).toBeGreaterThan(0);
  });

  it('seeds a benchmark corp in batches', async () => {
    const corp = { corpId: 'bench', corpName: 'Bench', people: benchmarkPeople(300, 'bench') };
    await expenses.seedBenchmark!(hub.subgraphs.expenses.orm, corp);
    await expect(expenses.seedBenchmark!(hub.subgraphs.expenses.orm, corp)).rejects.toThrow(/already has expense claims/);
  });
});
