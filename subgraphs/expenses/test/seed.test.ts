import { benchmarkPeople } from '@corphub/tooling';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { expenses } from '@corphub/expenses';
import { approvals } from '@corphub/approvals';
import { Role } from '@corphub/module-kit';
import { DEMO, DEMO_PEOPLE } from '@corphub/demo';

interface PendingNode {
  currentStep: number;
  steps: { role: string; status: string; approvers: { approverUnionId: string }[] }[];
}

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
      // the submitted claims wait on the approvals seed's requests
      await approvals.seedDemo!(hub.subgraphs.approvals.orm);
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
    // the seeded submitted claims await managers (from the demo org chart) and the finance people
    const pendingOf = async (email: string) => {
      const person = DEMO_PEOPLE.find((candidate) => candidate.email === email)!;
      const response = await hub.request(`{ pendingApprovals(first: 100) { totalCount nodes { claimant { unionId } currentStep steps { role status approvers { approverUnionId } } } } }`, {
        token: await hub.token({ corp: DEMO.corpId, role: Role.EMPLOYEE, union: person.unionId }),
      });
      expect(response.errors).toBeUndefined();
      return { unionId: person.unionId, ...(response.data!.pendingApprovals as { totalCount: number; nodes: PendingNode[] }) };
    };
    for (const email of ['li.wei@demo.example', 'sun.qiang@demo.example', 'wang.fang@demo.example']) {
      const { unionId, totalCount, nodes } = await pendingOf(email);
      expect([email, totalCount > 0]).toEqual([email, true]);
      for (const node of nodes) {
        const current = node.steps[node.currentStep];
        expect(current.status).toBe('PENDING');
        expect(current.approvers.map((approver) => approver.approverUnionId)).toContain(unionId);
      }
    }
    // Li Wei approves first for his leads (Zhao Xin) and second for their reports (Huang Lei, after Chen Jing)
    const li = await pendingOf('li.wei@demo.example');
    const waiting = li.nodes.map((node) => [node.currentStep, node.steps.map((step) => step.role).join()]);
    expect(waiting).toEqual(expect.arrayContaining([[0, 'MANAGER,MANAGER,FINANCE'], [1, 'MANAGER,MANAGER,FINANCE']]));
  });

  it('seeds a benchmark corp in batches', async () => {
    const corp = { corpId: 'bench', corpName: 'Bench', people: benchmarkPeople(300, 'bench') };
    await expenses.seedBenchmark!(hub.subgraphs.expenses.orm, corp);
    await expect(expenses.seedBenchmark!(hub.subgraphs.expenses.orm, corp)).rejects.toThrow(/already has expense claims/);
  });
});
