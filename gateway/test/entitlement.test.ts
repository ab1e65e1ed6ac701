import { hire, seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { CONTEXT_HEADER, DEV_JWT_SECRET, Role, subgraphAudience } from '@corphub/module-kit';
import { signCallerToken } from '../src/auth/tokens';
import { graphqlRequest, signTestContext } from '@corphub/module-kit/testing';

/** Each error as [path, code, module]: what a client sees of a refusal. */
const refusals = (response: Awaited<ReturnType<TestHub['request']>>) =>
  (response.errors ?? []).map((error) => [error.path?.join('.'), error.extensions?.code, error.extensions?.module]);

describe('per-corp module entitlement', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  let mia: string;
  let bo: string;

  const EMPLOYEE_WITH_MODULES = /* GraphQL */ `query($u: ID!) {
    employee(unionId: $u) {
      displayName
      attendance(from: "2026-03-02", to: "2026-03-08") { workDays }
      workLogs(first: 1) { totalCount }
    }
  }`;
  const install = (token: string, app: string) => hub.request(`mutation($app: ID!) { installApp(appId: $app) { status } }`, { token, variables: { app } });
  const uninstall = (token: string, app: string) => hub.request(`mutation($app: ID!) { uninstallApp(appId: $app) { status } }`, { token, variables: { app } });

  beforeAll(async () => {
    hub = await startTestHub({ label: 'entitlement' });
    // corp A installs no module; corp B every module the hub runs
    a = await seedCorp(hub, 'corp-a', ['Admin'], { modules: [] });
    b = await seedCorp(hub, 'corp-b', ['Bob Admin']);
    mia = await hire(hub, a, 'Mia');
    bo = await hire(hub, b, 'Bo');
  });
  afterAll(() => hub?.stop());

  it('lists the reference modules as apps serving their subgraphs', async () => {
    const response = await hub.request(`{ apps(first: 50) { nodes { appId subgraph installation { status } } } }`, { token: b.adminToken });
    expect(response.data!.apps.nodes).toEqual([
      { appId: 'attendance', subgraph: 'attendance', installation: { status: 'INSTALLED' } },
      { appId: 'expenses', subgraph: 'expenses', installation: { status: 'INSTALLED' } },
      { appId: 'logs', subgraph: 'logs', installation: { status: 'INSTALLED' } },
    ]);
  });

  it('refuses module fields of a corp without the module with MODULE_NOT_INSTALLED, at their paths; directory fields still answer', async () => {
    const response = await hub.request(EMPLOYEE_WITH_MODULES, { token: a.adminToken, variables: { u: mia } });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ employee: { displayName: 'Mia', attendance: null, workLogs: null } });
    expect(refusals(response).sort()).toEqual([
      ['employee.attendance', 'MODULE_NOT_INSTALLED', 'attendance'],
      ['employee.workLogs', 'MODULE_NOT_INSTALLED', 'logs'],
    ]);
    expect(response.errors![0].message).toMatch(/is not installed in corp "corp-a"/);
  });

  it('refuses module root fields and mutations the same way, beside core root fields', async () => {
    const query = await hub.request(`{ checkInRules { id } departments { id } me { corp { id } } }`, { token: a.adminToken });
    expect(query.data).toEqual({ checkInRules: null, departments: [], me: { corp: { id: 'corp-a' } } });
    expect(refusals(query)).toEqual([['checkInRules', 'MODULE_NOT_INSTALLED', 'attendance']]);

    const mutation = await hub.request(`mutation { createWorkLog(input: { kind: DAILY, date: "2026-03-02", text: "hi" }) { id } }`, { token: a.adminToken });
    expect(mutation.data).toEqual({ createWorkLog: null });
    expect(refusals(mutation)).toEqual([['createWorkLog', 'MODULE_NOT_INSTALLED', 'logs']]);
  });

  it('answers every module field for a corp that installed them', async () => {
    const response = await hub.request(EMPLOYEE_WITH_MODULES, { token: b.adminToken, variables: { u: bo } });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ employee: { displayName: 'Bo', attendance: { workDays: expect.any(Number) }, workLogs: { totalCount: 0 } } });
  });

  it('turns a module on at install and off again at uninstall, on the next request', async () => {
    expect((await install(a.adminToken, 'attendance')).errors).toBeUndefined();
    const on = await hub.request(EMPLOYEE_WITH_MODULES, { token: a.adminToken, variables: { u: mia } });
    expect(on.data).toEqual({ employee: { displayName: 'Mia', attendance: { workDays: expect.any(Number) }, workLogs: null } });
    expect(refusals(on)).toEqual([['employee.workLogs', 'MODULE_NOT_INSTALLED', 'logs']]);
    // corp B is unaffected by corp A's install
    expect((await hub.request(EMPLOYEE_WITH_MODULES, { token: b.adminToken, variables: { u: bo } })).errors).toBeUndefined();

    expect((await uninstall(a.adminToken, 'attendance')).errors).toBeUndefined();
    const off = await hub.request(EMPLOYEE_WITH_MODULES, { token: a.adminToken, variables: { u: mia } });
    expect(off.data).toEqual({ employee: { displayName: 'Mia', attendance: null, workLogs: null } });
    expect(refusals(off).sort()).toEqual([
      ['employee.attendance', 'MODULE_NOT_INSTALLED', 'attendance'],
      ['employee.workLogs', 'MODULE_NOT_INSTALLED', 'logs'],
    ]);
  });

  it("refuses a module's own HTTP routes (CSV export) for a corp without it", async () => {
    const url = new URL('/attendance/departments/sales/2026-03.csv', hub.url);
    const response = await fetch(url, { headers: { authorization: `Bearer ${a.adminToken}` } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'MODULE_NOT_INSTALLED', module: 'attendance' } });
  });

  it('fails closed: a module subgraph refuses a verified context that names no installed modules', async () => {
    const context = await signTestContext({ subject: 'x', corpId: b.corpId, role: Role.ADMIN }, subgraphAudience('attendance'));
    const response = await graphqlRequest(hub.subgraphs.attendance.url, `{ checkInRules { id } }`, { headers: { [CONTEXT_HEADER]: context } });
    expect(refusals(response)).toEqual([['checkInRules', 'MODULE_NOT_INSTALLED', 'attendance']]);
    const withModule = await signTestContext({ subject: 'x', corpId: b.corpId, role: Role.ADMIN, modules: ['attendance'] }, subgraphAudience('attendance'));
    expect((await graphqlRequest(hub.subgraphs.attendance.url, `{ checkInRules { id } }`, { headers: { [CONTEXT_HEADER]: withModule } })).data).toEqual({ checkInRules: [] });
  });
});

describe('vendor tokens see only corps that installed their app', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'vendor_corps' });
    a = await seedCorp(hub, 'corp-a', ['Alice']);
    b = await seedCorp(hub, 'corp-b', ['Bob'], { modules: ['expenses'] });
  });
  afterAll(() => hub?.stop());

  const vendor = (corp: string, app = 'attendance') => hub.token({ corp, role: Role.VENDOR, app });

  it('answers a vendor app in a corp that installed it', async () => {
    const response = await hub.request(`{ employees { totalCount } }`, { token: await vendor(a.corpId) });
    expect(response.errors).toBeUndefined();
  });

  it('refuses a vendor app in a corp that did not install it, before any subgraph answers (403 FORBIDDEN)', async () => {
    const response = await hub.request(`{ employees { totalCount } }`, { token: await vendor(b.corpId) });
    expect(response.status).toBe(403);
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([expect.objectContaining({ message: 'App "attendance" is not installed in corp "corp-b"', extensions: { code: 'FORBIDDEN' } })]);
  });

  it('refuses a vendor token without an app, and an app after its uninstall', async () => {
    const appless = await signCallerToken({ subject: 'vendor', corpId: a.corpId, role: Role.VENDOR }, DEV_JWT_SECRET);
    const noApp = await hub.request(`{ employees { totalCount } }`, { token: appless });
    expect(noApp.status).toBe(403);
    await hub.request(`mutation { uninstallApp(appId: "logs") { status } }`, { token: a.adminToken });
    const after = await hub.request(`{ employees { totalCount } }`, { token: await vendor(a.corpId, 'logs') });
    expect(after.status).toBe(403);
    expect(after.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it("refuses a vendor app on the subgraphs' own HTTP routes of a corp that did not install it", async () => {
    const response = await fetch(new URL('/attendance/departments/sales/2026-03.csv', hub.url), { headers: { authorization: `Bearer ${await vendor(b.corpId)}` } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
