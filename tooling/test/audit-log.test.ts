import { Role } from '@corphub/module-kit';
import { errorCodes, waitFor } from '@corphub/module-kit/testing';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { seedOrgChart, startTestHub, type OrgChart, type TestHub } from '../src/testing';

jest.setTimeout(300_000);

const LOG = /* GraphQL */ `query($first: Int, $person: ID, $action: String, $from: DateTime, $to: DateTime) {
  auditLog(first: $first, person: $person, action: $action, from: $from, to: $to) {
    totalCount
    nodes { action actor subjectUnionId target details subject { displayName } }
  }
}`;

interface Line {
  action: string;
  actor: string;
  subjectUnionId: string | null;
  target: string | null;
  details: string | null;
  subject: { displayName: string } | null;
}

describe('the audit log: who did what, to whom, when', () => {
  let hub: TestHub;
  let org: OrgChart;
  let beforeGrants: string;
  let northAdmin: string;

  const log = async (token: string, variables: Record<string, unknown> = {}) => {
    const response = await hub.request<{ auditLog: { totalCount: number; nodes: Line[] } }>(LOG, { token, variables: { first: 100, ...variables } });
    expect(response.errors).toBeUndefined();
    return response.data!.auditLog;
  };

  beforeAll(async () => {
    hub = await startTestHub({ label: 'audit-log', subgraphs: [identity, directory] });
    org = await seedOrgChart(hub);
    // hires reach the log through the directory's outbox
    await waitFor('the hires in the audit log', async () => (await log(org.tokens.admin, { action: 'employee.hired' })).totalCount === 7);
    beforeGrants = new Date().toISOString();
    for (const [unionId, role, departmentId] of [
      [org.ids.lead, 'DEPARTMENT_ADMIN', 'north'],
      [org.ids.dave, 'ANALYST', undefined],
    ]) {
      const granted = await hub.request(`mutation($input: GrantAdminRoleInput!) { grantAdminRole(input: $input) { unionId } }`, {
        token: org.tokens.admin,
        variables: { input: { unionId, role, departmentId } },
      });
      expect(granted.errors).toBeUndefined();
    }
    await hub.request(`mutation($u: ID!) { revokeAdminRole(unionId: $u) }`, { token: org.tokens.admin, variables: { u: org.ids.dave } });
    northAdmin = await hub.token({ corp: 'corp-a', role: Role.DEPARTMENT_ADMIN, union: org.ids.lead, department: 'north' });
  });

  afterAll(() => hub?.stop());

  it('records role grants and revokes in their transaction, newest first, with who did it', async () => {
    const roles = await log(org.tokens.admin, { from: beforeGrants });
    const admin = org.a.people[0].unionId;
    expect(roles.nodes).toEqual([
      { action: 'admin_role.revoked', actor: admin, subjectUnionId: org.ids.dave, target: null, details: '{"role":"ANALYST"}', subject: { displayName: 'Dave' } },
      { action: 'admin_role.granted', actor: admin, subjectUnionId: org.ids.dave, target: null, details: '{"role":"ANALYST"}', subject: { displayName: 'Dave' } },
      { action: 'admin_role.granted', actor: admin, subjectUnionId: org.ids.lead, target: 'north', details: '{"role":"DEPARTMENT_ADMIN"}', subject: { displayName: 'Lead' } },
    ]);
    expect((await log(org.tokens.admin, { to: beforeGrants, action: 'admin_role.granted' })).totalCount).toBe(0);
  });

  it('records installs, hires (through the outbox) and offboardings', async () => {
    const installs = await log(org.tokens.admin, { action: 'app.installed' });
    // seedCorp installs the reference modules' apps the hub runs: none here but the catalogue's, so count what is there
    for (const line of installs.nodes) expect(line).toMatchObject({ actor: 'admin@corp-a', target: expect.any(String) });
    const installed = await hub.request(`mutation { uninstallApp(appId: "expenses") { id } }`, { token: org.tokens.admin });
    const wasInstalled = !installed.errors;
    if (!wasInstalled) await hub.request(`mutation { installApp(appId: "expenses") { id } }`, { token: org.tokens.admin });
    const latest = (await log(org.tokens.admin, { first: 1 })).nodes[0];
    expect(latest).toMatchObject({ action: wasInstalled ? 'app.uninstalled' : 'app.installed', actor: org.a.people[0].unionId, target: 'expenses' });

    const hires = await log(org.tokens.admin, { action: 'employee.hired' });
    expect(hires.nodes.map((line) => line.subject!.displayName).sort()).toEqual(['Alice', 'Bob', 'Boss', 'Carol', 'Dave', 'Lead', 'Nina']);
    expect(new Set(hires.nodes.map((line) => line.actor))).toEqual(new Set([org.a.people[0].unionId]));

    const left = await hub.request(`mutation($u: ID!) { offboardEmployee(unionId: $u) { status } }`, { token: northAdmin, variables: { u: org.ids.nina } });
    expect(left.errors).toBeUndefined();
    await waitFor('the offboarding in the audit log', async () => (await log(org.tokens.admin, { action: 'employee.offboarded' })).totalCount === 1);
    expect((await log(org.tokens.admin, { action: 'employee.offboarded' })).nodes).toEqual([
      { action: 'employee.offboarded', actor: org.ids.lead, subjectUnionId: org.ids.nina, target: null, details: null, subject: { displayName: 'Nina' } },
    ]);
  });

  it("filters by person: what was done to them or by them", async () => {
    const lead = await log(org.tokens.admin, { person: org.ids.lead });
    expect(lead.nodes.map((line) => line.action)).toEqual(['employee.offboarded', 'admin_role.granted', 'employee.hired']);
  });

  it("shows a department admin the lines about their subtree's people only", async () => {
    const lines = await log(northAdmin);
    expect(new Set(lines.nodes.map((line) => line.subjectUnionId))).toEqual(new Set([org.ids.lead, org.ids.alice, org.ids.bob, org.ids.nina]));
  });

  it('is for admins: employees, finance and analysts are FORBIDDEN; another corp sees only its own', async () => {
    for (const token of [org.tokens.alice, await hub.token({ corp: 'corp-a', role: Role.ANALYST }), await hub.token({ corp: 'corp-a', role: Role.FINANCE, union: org.ids.carol })]) {
      expect(errorCodes(await hub.request(LOG, { token, variables: { first: 1 } }))).toEqual(['FORBIDDEN']);
    }
    const b = await log(org.b.adminToken);
    expect(b.nodes.map((line) => line.subjectUnionId).filter(Boolean)).toEqual([org.ids.eve]);
    expect(errorCodes(await hub.request(LOG, { token: org.tokens.admin, variables: { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('runs the same SQL for a page of 1 and of 50', async () => {
    const count = async (first: number) =>
      (await hub.queries.during(async () => {
        await hub.request(LOG, { token: org.tokens.admin, variables: { first } });
      })).identity;
    const [one, fifty] = [await count(1), await count(50)];
    expect(fifty).toBe(one);
  });

  it('records CSV exports, by whoever may read in bulk: analysts may run recordExport and nothing else', async () => {
    const RECORD = `mutation($input: RecordExportInput!) { recordExport(input: $input) { action actor target details } }`;
    const analyst = await hub.token({ corp: 'corp-a', role: Role.ANALYST, union: org.ids.dave });
    const recorded = await hub.request(RECORD, { token: analyst, variables: { input: { what: 'department/north?month=2026-11', rows: 4 } } });
    expect(recorded).toEqual({ status: 200, data: { recordExport: { action: 'export.csv', actor: org.ids.dave, target: 'department/north?month=2026-11', details: '{"rows":4}' } } });
    const byAdmin = await hub.request(RECORD, { token: org.tokens.admin, variables: { input: { what: 'audit', rows: 0 } } });
    expect(byAdmin.errors).toBeUndefined();
    const lines = await log(org.tokens.admin, { action: 'export.csv' });
    expect(lines.nodes.map((line) => [line.actor, line.target])).toEqual([
      [org.a.people[0].unionId, 'audit'],
      [org.ids.dave, 'department/north?month=2026-11'],
    ]);
    // anything else in an analyst's mutation is refused at the gateway, recordExport or not, even behind a fragment
    const mixed = await hub.request(`mutation { recordExport(input: { what: "x", rows: 1 }) { id } addPerson(input: { displayName: "Eve" }) { unionId } }`, { token: analyst });
    expect(errorCodes(mixed)).toEqual(['FORBIDDEN']);
    const fragment = await hub.request(`mutation { ...m } fragment m on Mutation { recordExport(input: { what: "x", rows: 1 }) { id } }`, { token: analyst });
    expect(errorCodes(fragment)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.request(RECORD, { token: org.tokens.alice, variables: { input: { what: 'x', rows: 1 } } }))).toEqual(['FORBIDDEN']);
    for (const input of [{ what: '', rows: 1 }, { what: 'x', rows: -1 }, { what: 'x'.repeat(201), rows: 1 }]) {
      expect(errorCodes(await hub.request(RECORD, { token: org.tokens.admin, variables: { input } }))).toEqual(['BAD_USER_INPUT']);
    }
    expect((await log(org.tokens.admin, { action: 'export.csv' })).totalCount).toBe(2);
  });
});
