import { seedCorp, startTestHub, type SeededCorp, type TestHub, createDepartments, hire } from '@corphub/tooling/testing';
import { errorCodes } from '@corphub/module-kit/testing';

const FIELDS = `unionId displayName employeeNumber email phone title status joinedAt leftAt externalId manager { unionId } departments { id } tags { name }`;
const SNAPSHOT = `{
  departments { id name order depth parent { id } }
  tags { name }
  active: employees(first: 500) { nodes { ${FIELDS} } }
  left: employees(first: 500, filter: { status: LEFT }) { nodes { ${FIELDS} } }
}`;

describe('directory mutations: bad input gets a clear code and writes nothing', () => {
  let hub: TestHub;
  let a: SeededCorp;
  const u: Record<string, string> = {};
  const snapshot = async () => (await hub.request(SNAPSHOT, { token: a.adminToken })).data;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'directory_mutations' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    await createDepartments(hub, a, [
      ['sales', 'Sales', null],
      ['north', 'North', 'sales'],
    ]);
    await hub.request(`mutation { createTag(input: { name: "finance" }) { name } }`, { token: a.adminToken });
    u.boss = await hire(hub, a, 'Boss', { departmentIds: ['sales'], email: 'boss@a.example', employeeNumber: 'E1', joinedAt: '2020-01-01' });
    u.worker = await hire(hub, a, 'Worker', { departmentIds: ['north'], managerUnionId: u.boss, joinedAt: '2020-01-01' });
    u.former = await hire(hub, a, 'Former', { departmentIds: ['north'], joinedAt: '2020-01-01' });
    await hub.request(`mutation($u: ID!) { offboardEmployee(unionId: $u, leftAt: "2021-01-01") { status } }`, { token: a.adminToken, variables: { u: u.former } });
    const person = await hub.request(`mutation { addPerson(input: { displayName: "Newcomer" }) { unionId } }`, { token: a.adminToken });
    u.newcomer = person.data!.addPerson.unionId;
  });
  afterAll(() => hub?.stop());

  const hireWith = (extra: string) => `mutation($u: ID!) { hireEmployee(input: { unionId: $u, displayName: "New" ${extra} }) { unionId } }`;

  it.each([
    ['createDepartment with a bad id', `mutation { createDepartment(input: { id: "Bad Id!", name: "X" }) { id } }`, 'BAD_USER_INPUT', /id must be/],
    ['createDepartment with an empty name', `mutation { createDepartment(input: { name: "" }) { id } }`, 'BAD_USER_INPUT', /name/],
    ['createDepartment under an unknown parent', `mutation { createDepartment(input: { name: "X", parentId: "nope" }) { id } }`, 'NOT_FOUND', /"nope" not found/],
    ['createDepartment with a taken id', `mutation { createDepartment(input: { id: "sales", name: "Again" }) { id } }`, 'CONFLICT', /already exists/],
    ['updateDepartment with an empty name', `mutation { updateDepartment(id: "sales", input: { name: "" }) { id } }`, 'BAD_USER_INPUT', /name/],
    ['updateDepartment of an unknown department', `mutation { updateDepartment(id: "nope", input: { name: "X" }) { id } }`, 'NOT_FOUND', /not found/],
    ['moveDepartment under its own child', `mutation { moveDepartment(id: "sales", parentId: "north") { id } }`, 'BAD_USER_INPUT', /cycle/],
    ['moveDepartment under an unknown parent', `mutation { moveDepartment(id: "north", parentId: "nope") { id } }`, 'NOT_FOUND', /not found/],
    ['deleteDepartment with children', `mutation { deleteDepartment(id: "sales") }`, 'CONFLICT', /sub-department/],
    ['deleteDepartment with members', `mutation { deleteDepartment(id: "north") }`, 'CONFLICT', /member/],
    ['deleteDepartment of an unknown department', `mutation { deleteDepartment(id: "nope") }`, 'NOT_FOUND', /not found/],
    ['hireEmployee with a malformed unionId', `mutation { hireEmployee(input: { unionId: "not a union id!", displayName: "X" }) { unionId } }`, 'BAD_USER_INPUT', /unionId/],
    ['hireEmployee with an empty name', hireWith('').replace('"New"', '""'), 'BAD_USER_INPUT', /displayName/],
    ['hireEmployee with a bad email', hireWith(', email: "nope"'), 'BAD_USER_INPUT', /email/],
    ['hireEmployee with a bad phone', hireWith(', phone: "call me"'), 'BAD_USER_INPUT', /phone/],
    ['hireEmployee with a bad date', hireWith(', joinedAt: "2024-13-45"'), 'GRAPHQL_VALIDATION_FAILED', /LocalDate|date/i],
    ['hireEmployee with a bad date variable', `mutation($u: ID!, $d: LocalDate) { hireEmployee(input: { unionId: $u, displayName: "New", joinedAt: $d }) { unionId } }`, 'BAD_USER_INPUT', /LocalDate/],
    ['hireEmployee into an unknown department', hireWith(', departmentIds: ["nope"]'), 'NOT_FOUND', /nope/],
    ['hireEmployee with a primary department outside the list', hireWith(', departmentIds: ["sales"], primaryDepartmentId: "north"'), 'BAD_USER_INPUT', /primaryDepartmentId/],
    ['hireEmployee under an unknown manager', hireWith(', managerUnionId: "un_nobody"'), 'NOT_FOUND', /Manager/],
    ['hireEmployee under a manager who left', hireWith('').replace('"New"', '"New", managerUnionId: "FORMER"'), 'BAD_USER_INPUT', /has left/],
    ['hireEmployee with an unknown tag', hireWith(', tags: ["nope"]'), 'NOT_FOUND', /Tag/],
    ['hireEmployee with a taken email', hireWith(', email: "BOSS@a.example"'), 'CONFLICT', /email/],
    ['hireEmployee with a taken employee number', hireWith(', employeeNumber: "E1"'), 'CONFLICT', /employeeNumber/],
    ['hireEmployee of an employee', `mutation { hireEmployee(input: { unionId: "WORKER", displayName: "Again" }) { unionId } }`, 'CONFLICT', /already an employee/],
    ['hireEmployee of a former employee', `mutation { hireEmployee(input: { unionId: "FORMER", displayName: "Again" }) { unionId } }`, 'CONFLICT', /rehireEmployee/],
    ['updateEmployee of an unknown employee', `mutation { updateEmployee(unionId: "un_nobody", input: { title: "X" }) { unionId } }`, 'NOT_FOUND', /not found/],
    ['updateEmployee clearing the name', `mutation { updateEmployee(unionId: "WORKER", input: { displayName: null }) { unionId } }`, 'BAD_USER_INPUT', /displayName/],
    ['updateEmployee as their own manager', `mutation { updateEmployee(unionId: "WORKER", input: { managerUnionId: "WORKER" }) { unionId } }`, 'BAD_USER_INPUT', /own manager/],
    ['updateEmployee making a cycle', `mutation { updateEmployee(unionId: "BOSS", input: { managerUnionId: "WORKER" }) { unionId } }`, 'BAD_USER_INPUT', /cycle/],
    ['updateEmployee to a taken employee number', `mutation { updateEmployee(unionId: "WORKER", input: { employeeNumber: "E1", title: "T" }) { unionId } }`, 'CONFLICT', /employeeNumber/],
    ['transferEmployee to an unknown department', `mutation { transferEmployee(unionId: "WORKER", input: { departmentIds: ["sales", "nope"] }) { unionId } }`, 'NOT_FOUND', /nope/],
    ['transferEmployee with a primary outside the list', `mutation { transferEmployee(unionId: "WORKER", input: { departmentIds: ["sales"], primaryDepartmentId: "north" }) { unionId } }`, 'BAD_USER_INPUT', /primaryDepartmentId/],
    ['transferEmployee of a former employee', `mutation { transferEmployee(unionId: "FORMER", input: { departmentIds: ["sales"] }) { unionId } }`, 'BAD_USER_INPUT', /left/],
    ['offboardEmployee before they joined', `mutation { offboardEmployee(unionId: "WORKER", leftAt: "2019-12-31") { unionId } }`, 'BAD_USER_INPUT', /before joinedAt/],
    ['offboardEmployee twice', `mutation { offboardEmployee(unionId: "FORMER") { unionId } }`, 'CONFLICT', /already left/],
    ['offboardEmployee of an unknown employee', `mutation { offboardEmployee(unionId: "un_nobody") { unionId } }`, 'NOT_FOUND', /not found/],
    ['rehireEmployee of an active employee', `mutation { rehireEmployee(unionId: "WORKER") { unionId } }`, 'CONFLICT', /already active/],
    ['rehireEmployee before they left', `mutation { rehireEmployee(unionId: "FORMER", joinedAt: "2020-06-01") { unionId } }`, 'BAD_USER_INPUT', /before their last day/],
    ['createTag with a bad name', `mutation { createTag(input: { name: "  " }) { name } }`, 'BAD_USER_INPUT', /name must be/],
    ['createTag with a taken name', `mutation { createTag(input: { name: "finance" }) { name } }`, 'CONFLICT', /already exists/],
    ['assignTag of an unknown tag', `mutation { assignTag(unionId: "WORKER", tag: "nope") { unionId } }`, 'NOT_FOUND', /Tag/],
    ['assignTag to an unknown employee', `mutation { assignTag(unionId: "un_nobody", tag: "finance") { unionId } }`, 'NOT_FOUND', /Employee/],
    ['assignTag with an empty tag', `mutation { assignTag(unionId: "WORKER", tag: "") { unionId } }`, 'BAD_USER_INPUT', /tag/],
    ['unassignTag of an unknown tag', `mutation { unassignTag(unionId: "WORKER", tag: "nope") { unionId } }`, 'NOT_FOUND', /Tag/],
  ])('refuses %s', async (_case, mutation, code, message) => {
    const before = await snapshot();
    const resolved = mutation.replace(/"(BOSS|WORKER|FORMER)"/g, (_m, who: string) => `"${u[who.toLowerCase()]}"`);
    const response = await hub.request(resolved, { token: a.adminToken, variables: resolved.includes('$u') ? { u: u.newcomer, d: '2024-13-45' } : undefined });
    expect(errorCodes(response)).toEqual([code]);
    expect(response.errors?.[0].message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['first: 0', `{ employees(first: 0) { totalCount } }`],
    ['first above the maximum', `{ department(id: "sales") { members(first: 501) { totalCount } } }`],
    ['a made-up cursor', `{ employees(after: "garbage") { totalCount } }`],
    ['an empty search', `{ employees(filter: { query: "" }) { totalCount } }`],
  ])('refuses a read with %s', async (_case, query) => {
    expect(errorCodes(await hub.request(query, { token: a.adminToken }))).toEqual(['BAD_USER_INPUT']);
  });

  it('answers an unknown department or employee as NOT_FOUND', async () => {
    expect(errorCodes(await hub.request(`{ department(id: "nope") { id } }`, { token: a.adminToken }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(`{ employee(unionId: "un_nobody") { unionId } }`, { token: a.adminToken }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(`{ departments(rootId: "nope") { id } }`, { token: a.adminToken }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(`{ employees(filter: { departmentId: "nope" }) { totalCount } }`, { token: a.adminToken }))).toEqual(['NOT_FOUND']);
  });
});
