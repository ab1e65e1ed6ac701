import { seedCorp, startTestHub, type SeededCorp, type TestHub, createDepartments, hire } from '@corphub/tooling/testing';
import { CONTEXT_HEADER, Role, subgraphAudience } from '@corphub/module-kit';
import { errorCodes, graphqlRequest, signTestContext } from '@corphub/module-kit/testing';

const SNAPSHOT = `{
  departments { id name parent { id } members(includeSubdepartments: true) { totalCount nodes { unionId } } memberRecords(includeSubdepartments: true) { nodes { unionId departmentIds tagNames } } }
  tags { name }
  employees(first: 100) { totalCount nodes { unionId displayName email employeeNumber title manager { unionId } departments { id } tags { name } } }
  left: employees(filter: { status: LEFT }) { totalCount }
}`;

describe('directory: tenant isolation', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  const ua: Record<string, string> = {};
  let ub: string;
  const snapshotOf = async (corp: SeededCorp) => (await hub.request(SNAPSHOT, { token: corp.adminToken })).data;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'directory_tenants' });
    a = await seedCorp(hub, 'corp-a', ['Admin A']);
    b = await seedCorp(hub, 'corp-b', ['Admin B']);
    // the same readable ids in both corps: department ids, tag names, emails and employee numbers are per corp
    for (const corp of [a, b]) {
      await createDepartments(hub, corp, [
        ['sales', `Sales ${corp.corpId}`, null],
        ['north', `North ${corp.corpId}`, 'sales'],
      ]);
      await hub.request(`mutation { createTag(input: { name: "finance" }) { name } }`, { token: corp.adminToken });
    }
    ua.boss = await hire(hub, a, 'Alice Boss', { departmentIds: ['sales'], email: 'same@example.com', employeeNumber: 'E1', tags: ['finance'] });
    ua.rep = await hire(hub, a, 'Aaron Rep', { departmentIds: ['north'], managerUnionId: ua.boss });
    ub = await hire(hub, b, 'Bob Boss', { departmentIds: ['sales'], email: 'same@example.com', employeeNumber: 'E1' });
  });
  afterAll(() => hub?.stop());

  it('shows each corp only its own tree, tags, employees and members', async () => {
    expect(await snapshotOf(b)).toEqual({
      departments: [
        { id: 'sales', name: 'Sales corp-b', parent: null, members: { totalCount: 1, nodes: [{ unionId: ub }] }, memberRecords: { nodes: [{ unionId: ub, departmentIds: ['sales'], tagNames: [] }] } },
        { id: 'north', name: 'North corp-b', parent: { id: 'sales' }, members: { totalCount: 0, nodes: [] }, memberRecords: { nodes: [] } },
      ],
      tags: [{ name: 'finance' }],
      employees: { totalCount: 1, nodes: [{ unionId: ub, displayName: 'Bob Boss', email: 'same@example.com', employeeNumber: 'E1', title: null, manager: null, departments: [{ id: 'sales' }], tags: [] }] },
      left: { totalCount: 0 },
    });
    const seenByA = await snapshotOf(a);
    expect(seenByA!.employees.totalCount).toBe(2);
    expect(seenByA!.departments[0].members.totalCount).toBe(2);
    expect(seenByA!.departments[0].memberRecords.nodes).toEqual([
      { unionId: ua.rep, departmentIds: ['north'], tagNames: [] },
      { unionId: ua.boss, departmentIds: ['sales'], tagNames: ['finance'] },
    ]);
  });

  it("answers another corp's employee as NOT_FOUND, and finds none of them in a search", async () => {
    const response = await hub.request(`query($u: ID!) { employee(unionId: $u) { unionId } }`, { token: b.adminToken, variables: { u: ua.boss } });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    const search = await hub.request(`{ byEmail: employees(filter: { email: "same@example.com" }) { nodes { unionId } } byName: employees(filter: { query: "alice" }) { totalCount } byTag: employees(filter: { tag: "finance" }) { totalCount } }`, {
      token: b.adminToken,
    });
    expect(search.data).toEqual({ byEmail: { nodes: [{ unionId: ub }] }, byName: { totalCount: 0 }, byTag: { totalCount: 0 } });
  });

  it("reads no employee of another corp through identity's Person or an entity reference", async () => {
    const viaPerson = await hub.request(`query($u: ID!) { person(unionId: $u) { employee { unionId } } }`, { token: b.adminToken, variables: { u: ua.boss } });
    expect(errorCodes(viaPerson)).toEqual(['NOT_FOUND']);
    const context = await signTestContext({ subject: 'x', corpId: 'corp-b', role: Role.ADMIN }, subgraphAudience('directory'));
    const response = await graphqlRequest(
      hub.subgraphs.directory.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { unionId } ... on Department { name } ... on Person { employee { unionId } } } }`,
      { headers: { [CONTEXT_HEADER]: context }, variables: { r: [{ __typename: 'Employee', unionId: ua.boss }, { __typename: 'Department', id: 'north' }, { __typename: 'Person', unionId: ua.rep }] } },
    );
    expect(response.data).toEqual({ _entities: [null, { name: 'North corp-b' }, { employee: null }] });
  });

  it.each([
    ['updateDepartment', `mutation { updateDepartment(id: "DEP", input: { name: "Hacked" }) { id } }`],
    ['moveDepartment', `mutation { moveDepartment(id: "DEP") { id } }`],
    ['deleteDepartment', `mutation { deleteDepartment(id: "DEP") }`],
    ['createDepartment under it', `mutation { createDepartment(input: { name: "X", parentId: "DEP" }) { id } }`],
    ['updateEmployee', `mutation { updateEmployee(unionId: "UNION", input: { title: "Hacked" }) { unionId } }`],
    ['transferEmployee', `mutation { transferEmployee(unionId: "UNION", input: { departmentIds: ["sales"] }) { unionId } }`],
    ['offboardEmployee', `mutation { offboardEmployee(unionId: "UNION") { unionId } }`],
    ['rehireEmployee', `mutation { rehireEmployee(unionId: "UNION") { unionId } }`],
    ['assignTag', `mutation { assignTag(unionId: "UNION", tag: "finance") { unionId } }`],
    ['unassignTag', `mutation { unassignTag(unionId: "UNION", tag: "finance") { unionId } }`],
    ['hireEmployee under their manager', `mutation { hireEmployee(input: { unionId: "un_newb", displayName: "X", managerUnionId: "UNION" }) { unionId } }`],
    ['updateEmployee to report to them', `mutation { updateEmployee(unionId: "OWN", input: { managerUnionId: "UNION" }) { unionId } }`],
  ])("refuses %s on another corp's rows as NOT_FOUND, changing nothing", async (_case, mutation) => {
    // corp-b has no department "a-only" and no employee with corp-a's unionId
    const before = await snapshotOf(a);
    const beforeB = await snapshotOf(b);
    const resolved = mutation.replace('DEP', 'a-only').replace('UNION', ua.rep).replace('OWN', ub);
    const response = await hub.request(resolved, { token: b.adminToken });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(await snapshotOf(a)).toEqual(before);
    expect(await snapshotOf(b)).toEqual(beforeB);
  });

  it("changes only the caller's corp when both have the same ids", async () => {
    const before = await snapshotOf(a);
    await hub.request(`mutation { updateDepartment(id: "sales", input: { name: "Renamed" }) { id } }`, { token: b.adminToken });
    await hub.request(`mutation { moveDepartment(id: "north") { id } }`, { token: b.adminToken });
    await hub.request(`mutation { createTag(input: { name: "b-only" }) { name } }`, { token: b.adminToken });
    const offboard = await hub.request(`mutation($u: ID!) { offboardEmployee(unionId: $u) { status } }`, { token: b.adminToken, variables: { u: ub } });
    expect(offboard.data).toEqual({ offboardEmployee: { status: 'LEFT' } });
    await hub.request(`mutation { deleteDepartment(id: "north") }`, { token: b.adminToken });
    expect(await snapshotOf(a)).toEqual(before);
    expect((await hub.request(`{ departments { id name } tags { name } }`, { token: b.adminToken })).data).toEqual({
      departments: [{ id: 'sales', name: 'Renamed' }],
      tags: [{ name: 'b-only' }, { name: 'finance' }],
    });
  });

  it("lets a corp create a department whose id only another corp used, unseen by that corp", async () => {
    const created = await hub.request(`mutation { createDepartment(input: { id: "a-only", name: "Now in B too" }) { id } }`, { token: b.adminToken });
    expect(created.data).toEqual({ createDepartment: { id: 'a-only' } });
    const department = await hub.request(`{ department(id: "a-only") { name } }`, { token: a.adminToken });
    expect(errorCodes(department)).toEqual(['NOT_FOUND']);
  });
});
