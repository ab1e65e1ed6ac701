import { seedCorp, startTestHub, type SeededCorp, type TestHub, createDepartments, hire } from '@corphub/tooling/testing';
import { errorCodes } from '@corphub/module-kit/testing';

const TREE = `query($root: ID) { departments(rootId: $root) { id depth parent { id } } }`;

describe('directory: the department tree', () => {
  let hub: TestHub;
  let a: SeededCorp;
  const tree = async (root?: string) => {
    const response = await hub.request(TREE, { token: a.adminToken, variables: { root } });
    expect(response.errors).toBeUndefined();
    return (response.data!.departments as { id: string; depth: number; parent: { id: string } | null }[]).map((d) => `${'  '.repeat(d.depth)}${d.id}<${d.parent?.id ?? ''}`);
  };

  beforeAll(async () => {
    hub = await startTestHub({ label: 'directory_tree' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    await createDepartments(hub, a, [
      ['sales', 'Sales', null],
      ['north', 'North', 'sales'],
      ['south', 'South', 'sales'],
      ['north-east', 'North East', 'north'],
      ['engineering', 'Engineering', null],
      ['platform', 'Platform', 'engineering'],
    ]);
  });
  afterAll(() => hub?.stop());

  it('reads the whole tree in order, and a subtree from its root', async () => {
    expect(await tree()).toEqual(['engineering<', '  platform<engineering', 'sales<', '  north<sales', '    north-east<north', '  south<sales']);
    expect(await tree('north')).toEqual(['  north<sales', '    north-east<north']);
  });

  it('answers children and ancestors', async () => {
    const response = await hub.request(`{ department(id: "north-east") { ancestors { id } } sales: department(id: "sales") { children { id } } }`, { token: a.adminToken });
    expect(response.data).toEqual({ department: { ancestors: [{ id: 'north' }, { id: 'sales' }] }, sales: { children: [{ id: 'north' }, { id: 'south' }] } });
  });

  it('generates an id when none is given', async () => {
    const response = await hub.request(`mutation { createDepartment(input: { name: "Temp" }) { id name depth } }`, { token: a.adminToken });
    expect(response.data!.createDepartment).toEqual({ id: expect.stringMatching(/^dep_[0-9a-f]{12}$/), name: 'Temp', depth: 0 });
    await hub.request(`mutation($id: ID!) { deleteDepartment(id: $id) }`, { token: a.adminToken, variables: { id: response.data!.createDepartment.id } });
  });

  it('moves a subtree, with its depths and ancestors', async () => {
    const moved = await hub.request(`mutation { moveDepartment(id: "north", parentId: "platform") { id depth parent { id } } }`, { token: a.adminToken });
    expect(moved.data).toEqual({ moveDepartment: { id: 'north', depth: 2, parent: { id: 'platform' } } });
    expect(await tree()).toEqual(['engineering<', '  platform<engineering', '    north<platform', '      north-east<north', 'sales<', '  south<sales']);
    const ancestors = await hub.request(`{ department(id: "north-east") { ancestors { id } } }`, { token: a.adminToken });
    expect(ancestors.data).toEqual({ department: { ancestors: [{ id: 'north' }, { id: 'platform' }, { id: 'engineering' }] } });
    expect(await tree('engineering')).toHaveLength(4);
    expect(await tree('sales')).toEqual(['sales<', '  south<sales']);
    // back to the top, then home
    await hub.request(`mutation { moveDepartment(id: "north") { depth } }`, { token: a.adminToken });
    expect(await tree('north')).toEqual(['north<', '  north-east<north']);
    await hub.request(`mutation { moveDepartment(id: "north", parentId: "sales", order: -1) { depth } }`, { token: a.adminToken });
    expect(await tree('sales')).toEqual(['sales<', '  north<sales', '    north-east<north', '  south<sales']);
  });

  it.each([
    ['under itself', 'north', 'north'],
    ['under its child', 'sales', 'north'],
    ['under its grandchild', 'sales', 'north-east'],
  ])('refuses to move a department %s (a cycle), changing nothing', async (_case, id, parentId) => {
    const before = await tree();
    const response = await hub.request(`mutation($id: ID!, $p: ID) { moveDepartment(id: $id, parentId: $p) { id } }`, { token: a.adminToken, variables: { id, p: parentId } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toMatch(/cycle|own parent/);
    expect(await tree()).toEqual(before);
  });

  it('refuses to delete a department with sub-departments or active members, and deletes an empty one', async () => {
    const withChildren = await hub.request(`mutation { deleteDepartment(id: "sales") }`, { token: a.adminToken });
    expect(errorCodes(withChildren)).toEqual(['CONFLICT']);
    const unionId = await hire(hub, a, 'Sam', { departmentIds: ['south'] });
    const withMembers = await hub.request(`mutation { deleteDepartment(id: "south") }`, { token: a.adminToken });
    expect(errorCodes(withMembers)).toEqual(['CONFLICT']);
    expect(withMembers.errors![0].message).toMatch(/member/);
    // a former employee does not keep a department alive
    await hub.request(`mutation($u: ID!) { offboardEmployee(unionId: $u, leftAt: "2030-01-01") { status } }`, { token: a.adminToken, variables: { u: unionId } });
    expect((await hub.request(`mutation { deleteDepartment(id: "south") }`, { token: a.adminToken })).data).toEqual({ deleteDepartment: 'south' });
    expect(await tree('sales')).toEqual(['sales<', '  north<sales', '    north-east<north']);
    const former = await hub.request(`query($u: ID!) { employee(unionId: $u) { status departments { id } } }`, { token: a.adminToken, variables: { u: unionId } });
    expect(former.data).toEqual({ employee: { status: 'LEFT', departments: [] } });
  });
});
