import { createDepartments, hire, seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { CONTEXT_HEADER, Role, subgraphAudience } from '@corphub/module-kit';
import { errorCodes, graphqlRequest, signTestContext } from '@corphub/module-kit/testing';

const SCOPE = /* GraphQL */ `mutation($app: ID!, $scope: AppScopeInput!) { updateInstallationScope(appId: $app, scope: $scope) { scope { wholeCorp departmentIds tags unionIds } } }`;
const EMPLOYEES = /* GraphQL */ `{ employees(first: 50) { totalCount nodes { displayName } } }`;

describe("an app's visibility scope: its tokens see only the people inside it, everywhere in the graph", () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  const ids: Record<string, string> = {};
  let vendorA: string;

  const names = async (token: string) => {
    const response = await hub.request(EMPLOYEES, { token });
    expect(response.errors).toBeUndefined();
    return (response.data!.employees.nodes as { displayName: string }[]).map((node) => node.displayName).sort();
  };
  const setScope = (scope: Record<string, unknown>, token = a.adminToken, app = 'attendance') => hub.request(SCOPE, { token, variables: { app, scope } });
  const openIdOf = async (unionId: string) =>
    (await hub.request(`query($u: ID!) { openId(appId: "attendance", unionId: $u) }`, { token: a.adminToken, variables: { u: unionId } })).data!.openId as string;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'app_scope' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    b = await seedCorp(hub, 'corp-b', ['Bob Admin']);
    await createDepartments(hub, a, [
      ['sales', 'Sales', null],
      ['north', 'North', 'sales'],
      ['finance', 'Finance', null],
    ]);
    await hub.request(`mutation { createTag(input: { name: "first-aider" }) { name } }`, { token: a.adminToken });
    ids.Mia = await hire(hub, a, 'Mia', { departmentIds: ['sales'] });
    ids.Nick = await hire(hub, a, 'Nick', { departmentIds: ['north'] });
    ids.Pat = await hire(hub, a, 'Pat', { departmentIds: ['finance'] });
    ids.Quinn = await hire(hub, a, 'Quinn', { departmentIds: ['finance'], tags: ['first-aider'] });
    ids.Rex = await hire(hub, a, 'Rex', { departmentIds: ['finance'] });
    ids.Bo = await hire(hub, b, 'Bo');
    vendorA = await hub.token({ corp: a.corpId, role: Role.VENDOR, app: 'attendance' });
  });
  afterAll(() => hub?.stop());

  it('sees the whole corp by default', async () => {
    const installation = await hub.request(`{ installations(first: 10) { nodes { app { appId } scope { wholeCorp } } } }`, { token: a.adminToken });
    expect(installation.data!.installations.nodes).toContainEqual({ app: { appId: 'attendance' }, scope: { wholeCorp: true } });
    expect(await names(vendorA)).toEqual(['Mia', 'Nick', 'Pat', 'Quinn', 'Rex']);
  });

  it('narrows to a department and everything below it: lists, lookups, members and identity mappings', async () => {
    const updated = await setScope({ departmentIds: ['sales'] });
    expect(updated.data).toEqual({ updateInstallationScope: { scope: { wholeCorp: false, departmentIds: ['sales'], tags: [], unionIds: [] } } });
    expect(await names(vendorA)).toEqual(['Mia', 'Nick']);

    // a lookup of someone outside is NOT_FOUND, as if they did not exist
    const outside = await hub.request(`query($u: ID!) { employee(unionId: $u) { displayName } }`, { token: vendorA, variables: { u: ids.Pat } });
    expect(errorCodes(outside)).toEqual(['NOT_FOUND']);
    const inside = await hub.request(`query($u: ID!) { employee(unionId: $u) { displayName person { unionId displayName } } }`, { token: vendorA, variables: { u: ids.Nick } });
    expect(inside.data).toEqual({ employee: { displayName: 'Nick', person: { unionId: ids.Nick, displayName: 'Nick' } } });

    const members = await hub.request(`{ finance: department(id: "finance") { members(first: 10) { totalCount } } sales: department(id: "sales") { members(first: 10, includeSubdepartments: true) { totalCount } } }`, { token: vendorA });
    expect(members.data).toEqual({ finance: { members: { totalCount: 0 } }, sales: { members: { totalCount: 2 } } });

    // identity: the openId ↔ unionId mapping answers only inside the scope
    const byOpenId = `query($o: String!) { personByOpenId(openId: $o) { displayName } }`;
    expect((await hub.request(byOpenId, { token: vendorA, variables: { o: await openIdOf(ids.Nick) } })).data).toEqual({ personByOpenId: { displayName: 'Nick' } });
    expect(errorCodes(await hub.request(byOpenId, { token: vendorA, variables: { o: await openIdOf(ids.Pat) } }))).toEqual(['NOT_FOUND']);

    // the corp's admin and other apps are not narrowed
    expect(await names(a.adminToken)).toEqual(['Mia', 'Nick', 'Pat', 'Quinn', 'Rex']);
    expect(await names(await hub.token({ corp: a.corpId, role: Role.VENDOR, app: 'expenses' }))).toEqual(['Mia', 'Nick', 'Pat', 'Quinn', 'Rex']);
  });

  it('keeps people outside the scope out of module fields: their Employee reference resolves to nothing in a module', async () => {
    // what the gateway sends a module when a query reaches an employee: the kernel drops those outside the scope
    const context = await signTestContext({ subject: 'x', corpId: a.corpId, role: Role.VENDOR, appId: 'attendance', modules: ['attendance'], scope: [ids.Mia] }, subgraphAudience('attendance'));
    const response = await graphqlRequest(
      hub.subgraphs.attendance.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { unionId } } }`,
      { headers: { [CONTEXT_HEADER]: context }, variables: { r: [{ __typename: 'Employee', unionId: ids.Mia }, { __typename: 'Employee', unionId: ids.Pat }] } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ _entities: [{ unionId: ids.Mia }, null] });
  });

  it("narrows a module's own rows keyed on people (work logs, expense claims) and its department answers by the scope in the verified context", async () => {
    const claims: Record<string, string> = {};
    for (const name of ['Mia', 'Pat']) {
      const token = await hub.token({ corp: a.corpId, role: Role.EMPLOYEE, union: ids[name] });
      const created = await hub.request(`mutation { createWorkLog(input: { kind: DAILY, date: "2026-03-02", text: "done", visibility: DEPARTMENT }) { id } }`, { token });
      expect(created.errors).toBeUndefined();
      const claim = await hub.request(`mutation($input: ClaimInput!) { createExpenseClaim(input: $input) { id } }`, {
        token,
        variables: { input: { title: `${name}'s trip`, items: [{ category: 'travel', amount: '10.00', currency: 'CNY', incurredOn: '2026-03-02' }] } },
      });
      expect(claim.errors).toBeUndefined();
      claims[name] = claim.data!.createExpenseClaim.id as string;
    }
    const feed = `{ workLogFeed(first: 10) { totalCount nodes { author { unionId } } } }`;
    expect((await hub.request(feed, { token: a.adminToken })).data!.workLogFeed.totalCount).toBe(2);

    // an admin-like caller of a scoped app, straight at the modules: rows of people outside are not there
    const scoped = (module: string) =>
      signTestContext({ subject: 'x', corpId: a.corpId, role: Role.ADMIN, appId: 'attendance', modules: [module], scope: [ids.Mia] }, subgraphAudience(module));
    const logs = await graphqlRequest(hub.subgraphs.logs.url, feed, { headers: { [CONTEXT_HEADER]: await scoped('logs') } });
    expect(logs.data).toEqual({ workLogFeed: { totalCount: 1, nodes: [{ author: { unionId: ids.Mia } }] } });
    const claim = `query($id: ID!) { expenseClaim(id: $id) { title } }`;
    const expenses = await scoped('expenses');
    const mine = await graphqlRequest(hub.subgraphs.expenses.url, claim, { headers: { [CONTEXT_HEADER]: expenses }, variables: { id: claims.Mia } });
    expect(mine.data).toEqual({ expenseClaim: { title: "Mia's trip" } });
    const theirs = await graphqlRequest(hub.subgraphs.expenses.url, claim, { headers: { [CONTEXT_HEADER]: expenses }, variables: { id: claims.Pat } });
    expect(errorCodes(theirs)).toEqual(['NOT_FOUND']);
    // a module's answers listing a department's members: decided on the whole department, answered for the scope
    const submissions = await graphqlRequest(
      hub.subgraphs.logs.url,
      `{ workLogSubmissions(departmentId: "sales", date: "2026-03-02", includeSubdepartments: true) { submitted { unionId } missing { unionId } } }`,
      { headers: { [CONTEXT_HEADER]: await scoped('logs') } },
    );
    expect(submissions.data).toEqual({ workLogSubmissions: { submitted: [{ unionId: ids.Mia }], missing: [] } });
    const month = await graphqlRequest(hub.subgraphs.attendance.url, `{ departmentAttendance(departmentId: "sales", month: "2026-03") { memberCount } }`, {
      headers: { [CONTEXT_HEADER]: await scoped('attendance') },
    });
    expect(month.data).toEqual({ departmentAttendance: { memberCount: 1 } });
    // without a scope nothing is narrowed
    const whole = await signTestContext({ subject: 'x', corpId: a.corpId, role: Role.ADMIN, modules: ['expenses'] }, subgraphAudience('expenses'));
    const unscoped = await graphqlRequest(hub.subgraphs.expenses.url, claim, { headers: { [CONTEXT_HEADER]: whole }, variables: { id: claims.Pat } });
    expect(unscoped.data).toEqual({ expenseClaim: { title: "Pat's trip" } });
  });

  it('unites tags and named people', async () => {
    expect((await setScope({ tags: ['first-aider'], unionIds: [ids.Rex] })).errors).toBeUndefined();
    expect(await names(vendorA)).toEqual(['Quinn', 'Rex']);
  });

  it('goes back to the whole corp', async () => {
    expect((await setScope({ wholeCorp: true })).data).toEqual({ updateInstallationScope: { scope: { wholeCorp: true, departmentIds: [], tags: [], unionIds: [] } } });
    expect(await names(vendorA)).toEqual(['Mia', 'Nick', 'Pat', 'Quinn', 'Rex']);
  });

  it.each([
    ['an empty scope', { departmentIds: [] }, 'BAD_USER_INPUT', /at least one/],
    ['wholeCorp with lists', { wholeCorp: true, tags: ['first-aider'] }, 'BAD_USER_INPUT', /names no/],
    ['someone of another corp', { unionIds: ['un_notours'] }, 'BAD_USER_INPUT', /Not people of this corp/],
    ['too long a department id', { departmentIds: ['x'.repeat(65)] }, 'BAD_USER_INPUT', /departmentIds/],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_case, scope, code, message) => {
    await setScope({ departmentIds: ['finance'] });
    const response = await setScope(scope);
    expect(errorCodes(response)).toEqual([code]);
    expect(response.errors![0].message).toMatch(message);
    expect(await names(vendorA)).toEqual(['Pat', 'Quinn', 'Rex']);
    await setScope({ wholeCorp: true });
  });

  it("refuses another corp's person, an app not installed, and callers who are not admins", async () => {
    expect(errorCodes(await setScope({ unionIds: [ids.Bo] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await setScope({ wholeCorp: true }, a.adminToken, 'nope'))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await setScope({ wholeCorp: true }, vendorA))).toEqual(['FORBIDDEN']);
    const employee = await hub.token({ corp: a.corpId, role: Role.EMPLOYEE, union: ids.Mia });
    expect(errorCodes(await setScope({ wholeCorp: true }, employee))).toEqual(['FORBIDDEN']);
  });

  it("is per corp: corp A's scope does not narrow corp B, and B's app never sees A", async () => {
    await setScope({ departmentIds: ['finance'] });
    const vendorB = await hub.token({ corp: b.corpId, role: Role.VENDOR, app: 'attendance' });
    expect(await names(vendorB)).toEqual(['Bo']);
    const lookup = await hub.request(`query($u: ID!) { employee(unionId: $u) { displayName } }`, { token: vendorB, variables: { u: ids.Pat } });
    expect(errorCodes(lookup)).toEqual(['NOT_FOUND']);
    // B's admin cannot scope B's app to A's people
    expect(errorCodes(await setScope({ unionIds: [ids.Pat] }, b.adminToken))).toEqual(['BAD_USER_INPUT']);
    await setScope({ wholeCorp: true });
  });

  it('can be given at install time', async () => {
    await hub.request(`mutation { uninstallApp(appId: "logs") { status } }`, { token: a.adminToken });
    const installed = await hub.request(`mutation($u: ID!) { installApp(appId: "logs", scope: { unionIds: [$u] }) { scope { wholeCorp unionIds } } }`, {
      token: a.adminToken,
      variables: { u: ids.Mia },
    });
    expect(installed.data).toEqual({ installApp: { scope: { wholeCorp: false, unionIds: [ids.Mia] } } });
    expect(await names(await hub.token({ corp: a.corpId, role: Role.VENDOR, app: 'logs' }))).toEqual(['Mia']);
  });
});
