import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { scopeToCorp } from '@corphub/module-kit';
import { Department, Employee, Membership } from '@corphub/directory';
import { expenses } from '@corphub/expenses';
import type { GraphQLResponse } from '@corphub/module-kit/testing';

const DASHBOARD = /* GraphQL */ `query($first: Int!, $status: ClaimStatus) {
  department(id: "sales") {
    members(first: $first) {
      nodes {
        unionId
        expenseClaims(status: $status, first: 5) {
          totalCount
          total { amountMinor currency amount }
          totals { amountMinor currency amount }
          nodes { id title status total { amount } items { category amount { amount currency } invoice { id } } steps { status approvers { approverUnionId } } history { action } }
        }
      }
    }
  }
}`;

describe('expenses: SQL statements do not grow with the number of employees', () => {
  let hub: TestHub;
  let a: SeededCorp;

  beforeAll(async () => {
    // 500 members × their claims is costlier than the gateway's default limit allows, and slow on a busy CI
    // machine; the point here is SQL batching
    hub = await startTestHub({ label: 'expenses_batching', gateway: { limits: { maxCost: 1_000_000 }, subgraphTimeoutMs: { default: 60_000 } } });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    await hub.request(`mutation { createDepartment(input: { id: "sales", name: "Sales" }) { id } }`, { token: a.adminToken });
    // 600 members written straight through the ORMs (the graph would take minutes)
    const people = Array.from({ length: 600 }, (_, i) => ({ unionId: `un_member${String(i).padStart(4, '0')}`, displayName: `Member ${String(i).padStart(4, '0')}`, email: `m${i}@a.example` }));
    const em = scopeToCorp(hub.subgraphs.directory.orm.em.fork(), 'corp-a');
    await em.transactional(async (tx) => {
      const sales = await tx.findOneOrFail(Department, { id: 'sales' });
      for (const person of people) {
        const employee = new Employee(person.unionId, person.displayName, '2025-01-01');
        employee.refreshSearchText();
        tx.persist(employee);
        tx.persist(new Membership(tx.getReference(Employee, employee.key, { wrapped: true }), tx.getReference(Department, sales.key, { wrapped: true }), true));
      }
    });
    await expenses.seedBenchmark!(hub.subgraphs.expenses.orm, { corpId: 'corp-a', corpName: 'A', people });
    // seconds of direct ORM writes kept the event loop from closing keep-alive sockets the servers timed out:
    // let the timers run, then spend any stale socket on a throwaway request
    await new Promise((resolve) => setTimeout(resolve, 50));
    await hub.request('{ __typename }').catch(() => undefined);
  });
  afterAll(() => hub?.stop());

  const run = async (first: number, status?: string) => {
    let response: GraphQLResponse | undefined;
    const counts = await hub.queries.during(async () => {
      response = await hub.request(DASHBOARD, { token: a.adminToken, variables: { first, status } });
    });
    expect(response?.errors).toBeUndefined();
    return { statements: counts.expenses, members: response!.data!.department.members.nodes as any[] };
  };

  it('Employee.expenseClaims for 1, 50 and 500 members runs the same statements', async () => {
    const one = await run(1);
    const small = await run(50);
    const large = await run(500);
    expect(small.members).toHaveLength(50);
    expect(large.members).toHaveLength(500);
    // the pages, their counts, their totals, then each child field once: items, steps, approvers, history
    expect(one.statements).toBe(7);
    expect(small.statements).toBe(one.statements);
    expect(large.statements).toBe(one.statements);
  });

  it('totals cover the whole filtered set, per currency', async () => {
    const { members } = await run(10, 'PAID');
    // member 0: one PAID claim with travel 1280.50 CNY and meals 86.50 CNY (the benchmark seed's items 0 and 1)
    const first = members.find((member) => member.unionId === 'un_member0000');
    expect(first.expenseClaims).toMatchObject({ totalCount: 1, total: { amountMinor: 136700, currency: 'CNY', amount: '1367.00' } });
    // member 4: office 19.99 USD and meals 3200 JPY: mixed, so no single total
    const mixed = members.find((member) => member.unionId === 'un_member0004');
    expect(mixed.expenseClaims.total).toBeNull();
    expect(mixed.expenseClaims.totals).toEqual([
      { amountMinor: 3200, currency: 'JPY', amount: '3200' },
      { amountMinor: 1999, currency: 'USD', amount: '19.99' },
    ]);
    const all = await run(10);
    expect(all.members.find((member) => member.unionId === 'un_member0000').expenseClaims).toMatchObject({ totalCount: 2, total: { amountMinor: 273400 } });
  });
});
