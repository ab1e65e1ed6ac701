import { seedCorp, startTestHub, type SeededCorp, type TestHub, createDepartments, hire } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';

describe('directory: employees, managers, members and search', () => {
  let hub: TestHub;
  let a: SeededCorp;
  const ids: Record<string, string> = {};
  const names = (nodes: { displayName: string }[]) => nodes.map((node) => node.displayName);

  beforeAll(async () => {
    hub = await startTestHub({ label: 'directory_employees' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    await createDepartments(hub, a, [
      ['sales', 'Sales', null],
      ['north', 'North', 'sales'],
      ['north-east', 'North East', 'north'],
      ['finance', 'Finance', null],
    ]);
    for (const name of ['finance', 'first-aider']) await hub.request(`mutation($n: String!) { createTag(input: { name: $n }) { name } }`, { token: a.adminToken, variables: { n: name } });
    ids.ceo = await hire(hub, a, 'Carol CEO', { title: 'CEO', departmentIds: ['sales'], email: 'Carol@A.example', employeeNumber: 'E-001', phone: '+86 138 0000 1234' });
    ids.head = await hire(hub, a, 'Hank Head', { departmentIds: ['sales'], managerUnionId: ids.ceo });
    ids.lead = await hire(hub, a, 'Lena Lead', { departmentIds: ['north'], managerUnionId: ids.head, tags: ['first-aider'] });
    ids.rep1 = await hire(hub, a, 'Ray Rep', { departmentIds: ['north-east', 'finance'], primaryDepartmentId: 'finance', managerUnionId: ids.lead, tags: ['finance'] });
    ids.rep2 = await hire(hub, a, 'Rita Rep', { departmentIds: ['north-east', 'north'], managerUnionId: ids.lead, email: 'rita@a.example' });
    ids.fin = await hire(hub, a, 'Fiona Finance', { departmentIds: ['finance'], managerUnionId: ids.ceo, tags: ['finance'], employeeNumber: 'F-77' });
  });
  afterAll(() => hub?.stop());

  it('reads an employee with departments (primary first), manager, tags and person', async () => {
    const response = await hub.request(
      `query($u: ID!) { employee(unionId: $u) { unionId displayName status department { id } departments { id } manager { displayName } tags { name } person { unionId displayName } } }`,
      { token: a.adminToken, variables: { u: ids.rep1 } },
    );
    expect(response.data).toEqual({
      employee: {
        unionId: ids.rep1,
        displayName: 'Ray Rep',
        status: 'ACTIVE',
        department: { id: 'finance' },
        departments: [{ id: 'finance' }, { id: 'north-east' }],
        manager: { displayName: 'Lena Lead' },
        tags: [{ name: 'finance' }],
        // identity's own fields, through the Person the directory points at
        person: { unionId: ids.rep1, displayName: 'Ray Rep' },
      },
    });
  });

  it('answers the manager chain nearest first, and direct reports', async () => {
    const response = await hub.request(`query($u: ID!, $m: ID!) { employee(unionId: $u) { managers { displayName } } lead: employee(unionId: $m) { directReports { displayName } } }`, {
      token: a.adminToken,
      variables: { u: ids.rep2, m: ids.lead },
    });
    expect(response.data).toEqual({
      employee: { managers: [{ displayName: 'Lena Lead' }, { displayName: 'Hank Head' }, { displayName: 'Carol CEO' }] },
      lead: { directReports: [{ displayName: 'Ray Rep' }, { displayName: 'Rita Rep' }] },
    });
  });

  it("reaches a person's employee record from identity's Person", async () => {
    const response = await hub.request(`query($u: ID!) { person(unionId: $u) { displayName employee { title department { name } } } }`, { token: a.adminToken, variables: { u: ids.ceo } });
    expect(response.data).toEqual({ person: { displayName: 'Carol CEO', employee: { title: 'CEO', department: { name: 'Sales' } } } });
  });

  it('refuses a manager that would make a cycle', async () => {
    const response = await hub.request(`mutation($u: ID!, $m: ID!) { updateEmployee(unionId: $u, input: { managerUnionId: $m }) { unionId } }`, {
      token: a.adminToken,
      variables: { u: ids.ceo, m: ids.rep2 },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toMatch(/cycle/);
  });

  it('lists direct members, or the whole subtree with each person once, in pages', async () => {
    const query = `query($sub: Boolean!, $after: String) { department(id: "sales") { members(first: 2, after: $after, includeSubdepartments: $sub) { totalCount nodes { displayName } pageInfo { hasNextPage endCursor } } } }`;
    const direct = await hub.request(query, { token: a.adminToken, variables: { sub: false } });
    expect(direct.data!.department.members).toMatchObject({ totalCount: 2, nodes: [{ displayName: 'Carol CEO' }, { displayName: 'Hank Head' }], pageInfo: { hasNextPage: false } });
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const page: any = await hub.request(query, { token: a.adminToken, variables: { sub: true, after } });
      expect(page.errors).toBeUndefined();
      totalCount = page.data.department.members.totalCount;
      seen.push(...names(page.data.department.members.nodes));
      after = page.data.department.members.pageInfo.hasNextPage ? page.data.department.members.pageInfo.endCursor : null;
    } while (after);
    expect(totalCount).toBe(5);
    expect(seen).toEqual(['Carol CEO', 'Hank Head', 'Lena Lead', 'Ray Rep', 'Rita Rep']);
  });

  it('reads the same members as flat records, in pages, with the access of members', async () => {
    const records = `query($id: ID!, $first: Int!, $after: String, $leftSince: LocalDate) { department(id: $id) { memberRecords(first: $first, after: $after, includeSubdepartments: true, leftSince: $leftSince) {
      totalCount nodes { unionId displayName joinedAt leftAt departmentIds tagNames } pageInfo { hasNextPage endCursor } } } }`;
    const members = await hub.request(
      `{ department(id: "sales") { members(first: 50, includeSubdepartments: true) { nodes { unionId displayName joinedAt leftAt departments { id } tags { name } } } } }`,
      { token: a.adminToken },
    );
    // what members says of each person, in its order
    const expected = members.data!.department.members.nodes.map(({ departments, tags, ...node }: { displayName: string; departments: { id: string }[]; tags: { name: string }[] }) => ({
      ...node,
      departmentIds: departments.map((department) => department.id),
      tagNames: tags.map((tag) => tag.name),
    }));
    expect(expected.find((node: { displayName: string }) => node.displayName === 'Ray Rep')).toMatchObject({ departmentIds: ['finance', 'north-east'], tagNames: ['finance'] });
    const seen: unknown[] = [];
    let after: string | null = null;
    do {
      const page: any = await hub.request(records, { token: a.adminToken, variables: { id: 'sales', first: 2, after } });
      expect(page.errors).toBeUndefined();
      expect(page.data.department.memberRecords.totalCount).toBe(5);
      seen.push(...page.data.department.memberRecords.nodes);
      after = page.data.department.memberRecords.pageInfo.hasNextPage ? page.data.department.memberRecords.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);

    // up to 2000 a page, not more; former members are not for employees; a department admin reads only their subtree
    expect(errorCodes(await hub.request(records, { token: a.adminToken, variables: { id: 'sales', first: 2001 } }))).toEqual(['BAD_USER_INPUT']);
    const employee = await hub.token({ corp: a.corpId, role: Role.EMPLOYEE, union: ids.rep1 });
    expect((await hub.request(records, { token: employee, variables: { id: 'north', first: 10 } })).data!.department.memberRecords.totalCount).toBe(3);
    expect(errorCodes(await hub.request(records, { token: employee, variables: { id: 'north', first: 10, leftSince: '2026-01-01' } }))).toEqual(['FORBIDDEN']);
    const northAdmin = await hub.token({ corp: a.corpId, role: Role.DEPARTMENT_ADMIN, department: 'north', union: ids.lead });
    const north = await hub.request(records, { token: northAdmin, variables: { id: 'north', first: 10 } });
    expect(north.data!.department.memberRecords.nodes.map((node: { displayName: string }) => node.displayName)).toEqual(['Lena Lead', 'Ray Rep', 'Rita Rep']);
    expect(errorCodes(await hub.request(records, { token: northAdmin, variables: { id: 'sales', first: 10 } }))).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['a name part in any case', { query: 'REP' }, ['Ray Rep', 'Rita Rep']],
    ['an employee number', { query: 'f-77' }, ['Fiona Finance']],
    ['an email part', { query: 'carol@a' }, ['Carol CEO']],
    ['a department', { departmentId: 'finance' }, ['Fiona Finance', 'Ray Rep']],
    ['a department and its subtree', { departmentId: 'north', includeSubdepartments: true }, ['Lena Lead', 'Ray Rep', 'Rita Rep']],
    ['a tag', { tag: 'finance' }, ['Fiona Finance', 'Ray Rep']],
    ['a tag and a name', { tag: 'finance', query: 'ray' }, ['Ray Rep']],
    ['an exact email', { email: 'RITA@a.example' }, ['Rita Rep']],
    ['an unknown tag', { tag: 'nope' }, []],
  ])('searches by %s', async (_case, filter, expected) => {
    const response = await hub.request(`query($f: EmployeeFilter) { employees(filter: $f, first: 50) { totalCount nodes { displayName } } }`, { token: a.adminToken, variables: { f: filter } });
    expect(response.errors).toBeUndefined();
    expect(response.data!.employees).toEqual({ totalCount: expected.length, nodes: expected.map((displayName) => ({ displayName })) });
  });

  it('shows the phone in full to admins and the person, masked to colleagues', async () => {
    const query = `query($u: ID!) { employee(unionId: $u) { phone } }`;
    const own = await hub.token({ corp: 'corp-a', role: Role.EMPLOYEE, union: ids.ceo });
    const colleague = await hub.token({ corp: 'corp-a', role: Role.EMPLOYEE, union: ids.rep1 });
    expect((await hub.request(query, { token: a.adminToken, variables: { u: ids.ceo } })).data).toEqual({ employee: { phone: '+86 138 0000 1234' } });
    expect((await hub.request(query, { token: own, variables: { u: ids.ceo } })).data).toEqual({ employee: { phone: '+86 138 0000 1234' } });
    expect((await hub.request(query, { token: colleague, variables: { u: ids.ceo } })).data).toEqual({ employee: { phone: '+•• ••• •••• ••34' } });
  });

  it('lets only admins change the directory', async () => {
    const employee = await hub.token({ corp: 'corp-a', role: Role.EMPLOYEE, union: ids.rep1 });
    const response = await hub.request(`mutation { createTag(input: { name: "x" }) { name } }`, { token: employee });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('transfers an employee, then assigns and unassigns tags', async () => {
    const moved = await hub.request(`mutation($u: ID!, $m: ID!) { transferEmployee(unionId: $u, input: { departmentIds: ["finance"], managerUnionId: $m }) { department { id } departments { id } manager { displayName } } }`, {
      token: a.adminToken,
      variables: { u: ids.rep2, m: ids.fin },
    });
    expect(moved.data).toEqual({ transferEmployee: { department: { id: 'finance' }, departments: [{ id: 'finance' }], manager: { displayName: 'Fiona Finance' } } });
    const tagged = await hub.request(`mutation($u: ID!) { assignTag(unionId: $u, tag: "first-aider") { tags { name } } }`, { token: a.adminToken, variables: { u: ids.rep2 } });
    expect(tagged.data).toEqual({ assignTag: { tags: [{ name: 'first-aider' }] } });
    const again = await hub.request(`mutation($u: ID!) { assignTag(unionId: $u, tag: "first-aider") { tags { name } } }`, { token: a.adminToken, variables: { u: ids.rep2 } });
    expect(again.data).toEqual({ assignTag: { tags: [{ name: 'first-aider' }] } });
    const untagged = await hub.request(`mutation($u: ID!) { unassignTag(unionId: $u, tag: "first-aider") { tags { name } } }`, { token: a.adminToken, variables: { u: ids.rep2 } });
    expect(untagged.data).toEqual({ unassignTag: { tags: [] } });
  });

  it('offboards: history kept for admins, hidden from colleagues, reports move up, and rehires', async () => {
    const left = await hub.request(`mutation($u: ID!) { offboardEmployee(unionId: $u, leftAt: "2030-06-30") { status leftAt departments { id } } }`, { token: a.adminToken, variables: { u: ids.lead } });
    expect(left.data).toEqual({ offboardEmployee: { status: 'LEFT', leftAt: '2030-06-30', departments: [{ id: 'north' }] } });
    const colleague = await hub.token({ corp: 'corp-a', role: Role.EMPLOYEE, union: ids.rep1 });
    const hidden = await hub.request(`query($u: ID!) { employee(unionId: $u) { status } }`, { token: colleague, variables: { u: ids.lead } });
    expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
    const formerList = await hub.request(`{ employees(filter: { status: LEFT }) { nodes { displayName leftAt } } }`, { token: a.adminToken });
    expect(formerList.data).toEqual({ employees: { nodes: [{ displayName: 'Lena Lead', leftAt: '2030-06-30' }] } });
    expect(errorCodes(await hub.request(`{ employees(filter: { status: LEFT }) { totalCount } }`, { token: colleague }))).toEqual(['FORBIDDEN']);
    const reports = await hub.request(`query($u: ID!) { employee(unionId: $u) { manager { displayName } } }`, { token: a.adminToken, variables: { u: ids.rep1 } });
    expect(reports.data).toEqual({ employee: { manager: { displayName: 'Hank Head' } } });
    const back = await hub.request(`mutation($u: ID!) { rehireEmployee(unionId: $u, joinedAt: "2031-01-01") { status joinedAt leftAt } }`, { token: a.adminToken, variables: { u: ids.lead } });
    expect(back.data).toEqual({ rehireEmployee: { status: 'ACTIVE', joinedAt: '2031-01-01', leftAt: null } });
  });
});
