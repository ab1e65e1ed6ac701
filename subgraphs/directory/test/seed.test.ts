import { benchmarkPeople } from '@corphub/tooling';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { DEMO, DEMO_PEOPLE } from '@corphub/demo';
import { letTimersRun } from '@corphub/module-kit/testing';

describe('directory seeds', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'directory_seed' });
  });
  afterAll(() => hub?.stop());

  it('seeds the demo corp idempotently, every employee a person of identity with the same unionId', async () => {
    for (let run = 0; run < 2; run++) {
      await identity.seedDemo!(hub.subgraphs.identity.orm);
      await directory.seedDemo!(hub.subgraphs.directory.orm);
    }
    await letTimersRun();
    const token = await hub.token({ corp: DEMO.corpId });
    const response = await hub.request(
      `{
        departments { id }
        employees(first: 100) { totalCount nodes { unionId person { unionId email } } }
        sales: department(id: "sales") { name members(first: 50, includeSubdepartments: true) { totalCount } }
        peng: employees(filter: { query: "peng fei" }) { nodes { title tags { name } managers { displayName } } }
      }`,
      { token },
    );
    expect(response.errors).toBeUndefined();
    const data = response.data!;
    expect(data.departments.map((d: { id: string }) => d.id)).toEqual(['management', 'sales', 'sales-north', 'sales-south', 'engineering', 'platform', 'mobile', 'finance', 'accounting']);
    expect(data.employees.totalCount).toBe(DEMO_PEOPLE.length);
    expect(DEMO_PEOPLE.length).toBeGreaterThanOrEqual(30);
    for (const node of data.employees.nodes) expect(node.person).toEqual({ unionId: node.unionId, email: expect.stringMatching(/@demo\.example$/) });
    expect(data.sales).toEqual({ name: 'Sales', members: { totalCount: 10 } });
    expect(data.peng.nodes).toEqual([{ title: 'Sales Intern', tags: [{ name: 'intern' }], managers: [{ displayName: 'Zhao Xin' }, { displayName: 'Li Wei' }, { displayName: 'Demo Admin' }] }]);
  });

  it('seeds a benchmark corp in batches: people in identity, a tree of the whole corp, divisions and teams, managers in the directory', async () => {
    const corp = { corpId: 'bench', corpName: 'Bench', people: benchmarkPeople(300, 'bench') };
    await identity.seedBenchmark!(hub.subgraphs.identity.orm, corp);
    await directory.seedBenchmark!(hub.subgraphs.directory.orm, corp);
    await letTimersRun();
    const token = await hub.token({ corp: 'bench' });
    const last = corp.people.at(-1)!.unionId;
    const response = await hub.request(
      `query($u: ID!) {
        people { totalCount }
        employees { totalCount }
        departments { id }
        employee(unionId: $u) { department { id parent { id } } managers { title } }
        division: department(id: "division-1") { parent { id } members(first: 1, includeSubdepartments: true) { totalCount } }
        corp: department(id: "corp") { name parent { id } members(first: 1, includeSubdepartments: true) { totalCount } }
        inRoot: employees(filter: { departmentId: "corp" }) { nodes { title } }
      }`,
      { token, variables: { u: last } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({ people: { totalCount: 300 }, employees: { totalCount: 300 }, employee: { managers: [{ title: 'Team Lead' }, { title: 'Head of Division' }, { title: 'Chief Executive Officer' }] } });
    // the root, 8 divisions, 6 teams each
    expect(response.data!.departments).toHaveLength(1 + 8 * 7);
    expect(response.data!.division.parent).toEqual({ id: 'corp' });
    expect(response.data!.division.members.totalCount).toBeGreaterThan(30);
    // the whole corp: everyone, the CEO in the root itself
    expect(response.data!.corp).toEqual({ name: 'Whole corp', parent: null, members: { totalCount: 300 } });
    expect(response.data!.inRoot.nodes).toEqual([{ title: 'Chief Executive Officer' }]);
    await expect(directory.seedBenchmark!(hub.subgraphs.directory.orm, corp)).rejects.toThrow(/already has employees/);
  });
});
