import { AdminRoleKind, callerRoleOf, Role } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { expenses } from '@corphub/expenses';
import { approvals } from '@corphub/approvals';
import { seedOrgChart, startTestHub, type OrgChart, type TestHub } from '../src/testing';

jest.setTimeout(300_000);

const GRANT = /* GraphQL */ `mutation($input: GrantAdminRoleInput!) { grantAdminRole(input: $input) { unionId role departmentId grantedBy } }`;
const REVOKE = /* GraphQL */ `mutation($unionId: ID!) { revokeAdminRole(unionId: $unionId) }`;

describe('admin roles: recorded in identity, carried by tokens, enforced by the gateway and the subgraphs', () => {
  let hub: TestHub;
  let org: OrgChart;
  /** Tokens as the hub's sign-in makes them from each person's recorded role. */
  let northAdmin: string;
  let finance: string;
  let analyst: string;
  let adminB: string;

  const tokenFor = async (corp: string, unionId: string, adminRole: { role: AdminRoleKind; departmentId?: string | null } | null) => {
    const { role, department } = callerRoleOf(adminRole);
    return hub.token({ corp, role, union: unionId, department });
  };

  beforeAll(async () => {
    hub = await startTestHub({ label: 'admin-roles', subgraphs: [identity, directory, approvals, expenses] });
    org = await seedOrgChart(hub);
    adminB = org.b.adminToken;
  });

  afterAll(() => hub?.stop());

  describe('granting and revoking', () => {
    it('grants each role to a person of the corp, and a grant repeated changes nothing', async () => {
      const grants: [string, AdminRoleKind, string?][] = [
        [org.a.people[0].unionId, AdminRoleKind.CORP_ADMIN],
        [org.ids.lead, AdminRoleKind.DEPARTMENT_ADMIN, 'north'],
        [org.ids.carol, AdminRoleKind.FINANCE],
        [org.ids.dave, AdminRoleKind.ANALYST],
      ];
      for (const [unionId, role, departmentId] of grants) {
        const granted = await hub.request(GRANT, { token: org.tokens.admin, variables: { input: { unionId, role, departmentId } } });
        expect(granted.errors).toBeUndefined();
        expect(granted.data!.grantAdminRole).toEqual({ unionId, role, departmentId: departmentId ?? null, grantedBy: org.a.people[0].unionId });
        const again = await hub.request(GRANT, { token: org.tokens.admin, variables: { input: { unionId, role, departmentId } } });
        expect(again.data).toEqual(granted.data);
      }
      const listed = await hub.request(`{ adminRoles(first: 10) { totalCount nodes { unionId role departmentId person { unionId } } } }`, { token: org.tokens.admin });
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.adminRoles.totalCount).toBe(4);
      expect(listed.data!.adminRoles.nodes.map((node: { role: string }) => node.role)).toEqual(['CORP_ADMIN', 'DEPARTMENT_ADMIN', 'FINANCE', 'ANALYST']);
      const lead = await hub.request(`query($u: ID!) { person(unionId: $u) { adminRole { role departmentId } } }`, { token: org.tokens.admin, variables: { u: org.ids.lead } });
      expect(lead.data).toEqual({ person: { adminRole: { role: 'DEPARTMENT_ADMIN', departmentId: 'north' } } });

      northAdmin = await tokenFor('corp-a', org.ids.lead, { role: AdminRoleKind.DEPARTMENT_ADMIN, departmentId: 'north' });
      finance = await tokenFor('corp-a', org.ids.carol, { role: AdminRoleKind.FINANCE });
      analyst = await tokenFor('corp-a', org.ids.dave, { role: AdminRoleKind.ANALYST });
    });

    it('maps recorded roles onto caller roles', () => {
      expect(callerRoleOf(null)).toEqual({ role: Role.EMPLOYEE });
      expect(callerRoleOf({ role: AdminRoleKind.CORP_ADMIN })).toEqual({ role: Role.ADMIN });
      expect(callerRoleOf({ role: AdminRoleKind.DEPARTMENT_ADMIN, departmentId: 'north' })).toEqual({ role: Role.DEPARTMENT_ADMIN, department: 'north' });
      expect(callerRoleOf({ role: AdminRoleKind.DEPARTMENT_ADMIN, departmentId: null })).toEqual({ role: Role.EMPLOYEE });
      expect(callerRoleOf({ role: AdminRoleKind.FINANCE })).toEqual({ role: Role.FINANCE });
      expect(callerRoleOf({ role: AdminRoleKind.ANALYST })).toEqual({ role: Role.ANALYST });
    });

    it('refuses invalid grants with precise codes', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ unionId: org.ids.bob, role: 'DEPARTMENT_ADMIN' }, 'BAD_USER_INPUT'],
        [{ unionId: org.ids.bob, role: 'FINANCE', departmentId: 'north' }, 'BAD_USER_INPUT'],
        [{ unionId: org.ids.bob, role: 'DEPARTMENT_ADMIN', departmentId: 'nowhere' }, 'NOT_FOUND'],
        [{ unionId: 'u_nobody', role: 'ANALYST' }, 'NOT_FOUND'],
        // another corp's person does not exist here
        [{ unionId: org.ids.eve, role: 'ANALYST' }, 'NOT_FOUND'],
        [{ unionId: org.ids.bob, role: 'OWNER' }, 'BAD_USER_INPUT'],
      ];
      for (const [input, code] of cases) {
        const response = await hub.request(GRANT, { token: org.tokens.admin, variables: { input } });
        expect({ input, codes: errorCodes(response) }).toEqual({ input, codes: [code] });
      }
    });

    it('lets only corp admins grant and revoke', async () => {
      const input = { unionId: org.ids.bob, role: 'ANALYST' };
      for (const token of [org.tokens.bob, northAdmin, finance]) {
        expect(errorCodes(await hub.request(GRANT, { token, variables: { input } }))).toEqual(['FORBIDDEN']);
        expect(errorCodes(await hub.request(REVOKE, { token, variables: { unionId: org.ids.dave } }))).toEqual(['FORBIDDEN']);
      }
      // analysts are refused at the gateway, before any subgraph
      const refused = await hub.request(GRANT, { token: analyst, variables: { input } });
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.errors![0].message).toMatch(/read-only/);
    });

    it("keeps corps apart: corp B's admin sees none of corp A's roles and cannot grant to A's people", async () => {
      const listed = await hub.request(`{ adminRoles(first: 10) { totalCount } }`, { token: adminB });
      expect(listed.data).toEqual({ adminRoles: { totalCount: 0 } });
      expect(errorCodes(await hub.request(GRANT, { token: adminB, variables: { input: { unionId: org.ids.alice, role: 'ANALYST' } } }))).toEqual(['NOT_FOUND']);
      expect((await hub.request(REVOKE, { token: adminB, variables: { unionId: org.ids.dave } })).data).toEqual({ revokeAdminRole: false });
    });

    it('revokes once (false afterwards) and never the last corp admin', async () => {
      await hub.request(GRANT, { token: org.tokens.admin, variables: { input: { unionId: org.ids.bob, role: 'ANALYST' } } });
      expect((await hub.request(REVOKE, { token: org.tokens.admin, variables: { unionId: org.ids.bob } })).data).toEqual({ revokeAdminRole: true });
      expect((await hub.request(REVOKE, { token: org.tokens.admin, variables: { unionId: org.ids.bob } })).data).toEqual({ revokeAdminRole: false });
      const last = await hub.request(REVOKE, { token: org.tokens.admin, variables: { unionId: org.a.people[0].unionId } });
      expect(errorCodes(last)).toEqual(['CONFLICT']);
      const demoted = await hub.request(GRANT, { token: org.tokens.admin, variables: { input: { unionId: org.a.people[0].unionId, role: 'ANALYST' } } });
      expect(errorCodes(demoted)).toEqual(['CONFLICT']);
    });
  });

  describe('a department admin', () => {
    it('says who they are', async () => {
      const me = await hub.request(`{ me { role department unionId person { adminRole { role departmentId } } } }`, { token: northAdmin });
      expect(me.data).toEqual({ me: { role: 'DEPARTMENT_ADMIN', department: 'north', unionId: org.ids.lead, person: { adminRole: { role: 'DEPARTMENT_ADMIN', departmentId: 'north' } } } });
    });

    it('sees only the people and departments of their subtree', async () => {
      const employees = await hub.request(`{ employees(first: 50) { nodes { displayName } } }`, { token: northAdmin });
      expect(employees.errors).toBeUndefined();
      expect(employees.data!.employees.nodes.map((node: { displayName: string }) => node.displayName).sort()).toEqual(['Alice', 'Bob', 'Lead', 'Nina']);
      const departments = await hub.request(`{ departments { id } }`, { token: northAdmin });
      expect(departments.data).toEqual({ departments: [{ id: 'north' }, { id: 'north-east' }] });
      expect(errorCodes(await hub.request(`{ department(id: "eng") { id } }`, { token: northAdmin }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(`{ departments(rootId: "sales") { id } }`, { token: northAdmin }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await hub.request(`query($u: ID!) { employee(unionId: $u) { unionId } }`, { token: northAdmin, variables: { u: org.ids.dave } }))).toEqual(['NOT_FOUND']);
      const people = await hub.request(`{ people(first: 50) { totalCount } }`, { token: northAdmin });
      expect(people.data).toEqual({ people: { totalCount: 4 } });
      const roles = await hub.request(`{ adminRoles(first: 10) { nodes { unionId } } }`, { token: northAdmin });
      expect(roles.data).toEqual({ adminRoles: { nodes: [{ unionId: org.ids.lead }] } });
    });

    it('changes people and departments inside the subtree only', async () => {
      const moved = await hub.request(`mutation($u: ID!) { transferEmployee(unionId: $u, input: { departmentIds: ["north-east"] }) { departments { id } } }`, {
        token: northAdmin,
        variables: { u: org.ids.bob },
      });
      expect(moved.errors).toBeUndefined();
      expect(errorCodes(await hub.request(`mutation($u: ID!) { transferEmployee(unionId: $u, input: { departmentIds: ["eng"] }) { unionId } }`, { token: northAdmin, variables: { u: org.ids.bob } }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await hub.request(`mutation($u: ID!) { offboardEmployee(unionId: $u) { unionId } }`, { token: northAdmin, variables: { u: org.ids.dave } }))).toEqual(['NOT_FOUND']);
      const created = await hub.request(`mutation { createDepartment(input: { id: "north-west", name: "North West", parentId: "north" }) { id parent { id } } }`, { token: northAdmin });
      expect(created.data).toEqual({ createDepartment: { id: 'north-west', parent: { id: 'north' } } });
      const refusals: [string, string][] = [
        [`mutation { createDepartment(input: { id: "top", name: "Top" }) { id } }`, 'FORBIDDEN'],
        [`mutation { createDepartment(input: { id: "eng-2", name: "Eng 2", parentId: "eng" }) { id } }`, 'FORBIDDEN'],
        [`mutation { updateDepartment(id: "sales", input: { name: "Mine" }) { id } }`, 'FORBIDDEN'],
        [`mutation { moveDepartment(id: "north", parentId: "eng") { id } }`, 'FORBIDDEN'],
        [`mutation { moveDepartment(id: "north-west", parentId: "eng") { id } }`, 'FORBIDDEN'],
        [`mutation { deleteDepartment(id: "north") }`, 'FORBIDDEN'],
        [`mutation { installApp(appId: "expenses") { id } }`, 'FORBIDDEN'],
        [`mutation { createTag(input: { name: "vip" }) { name } }`, 'FORBIDDEN'],
      ];
      for (const [query, code] of refusals) expect({ query, codes: errorCodes(await hub.request(query, { token: northAdmin })) }).toEqual({ query, codes: [code] });
      expect((await hub.request(`mutation { deleteDepartment(id: "north-west") }`, { token: northAdmin })).data).toEqual({ deleteDepartment: 'north-west' });
      // hires into the subtree: the person first, then the employee
      const added = await hub.request(`mutation { addPerson(input: { displayName: "Newbie" }) { unionId } }`, { token: northAdmin });
      const unionId = added.data!.addPerson.unionId as string;
      const hireInto = (departmentIds: string[]) =>
        hub.request(`mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { unionId } }`, { token: northAdmin, variables: { input: { unionId, displayName: 'Newbie', departmentIds } } });
      expect(errorCodes(await hireInto(['eng']))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await hireInto([]))).toEqual(['FORBIDDEN']);
      expect((await hireInto(['north'])).data).toEqual({ hireEmployee: { unionId } });
    });
  });

  describe('finance and analysts', () => {
    let claimId: string;

    beforeAll(async () => {
      const created = await hub.request(
        `mutation { createExpenseClaim(input: { title: "Taxi", items: [{ category: "transport", amount: "12.50", currency: "CNY", incurredOn: "2026-11-03" }] }) { id } }`,
        { token: org.tokens.alice },
      );
      expect(created.errors).toBeUndefined();
      claimId = created.data!.createExpenseClaim.id;
    });

    it("finance reads every claim and report of the corp; another employee does not", async () => {
      const read = (token: string) => hub.request(`query($id: ID!) { expenseClaim(id: $id) { title } }`, { token, variables: { id: claimId } });
      expect((await read(finance)).data).toEqual({ expenseClaim: { title: 'Taxi' } });
      expect(errorCodes(await read(org.tokens.bob))).toEqual(['NOT_FOUND']);
      const claims = (token: string) => hub.request(`query($u: ID!) { employee(unionId: $u) { expenseClaims { totalCount } } }`, { token, variables: { u: org.ids.alice } });
      expect((await claims(finance)).data).toEqual({ employee: { expenseClaims: { totalCount: 1 } } });
      expect((await claims(org.tokens.bob)).data).toEqual({ employee: { expenseClaims: null } });
      const report = (token: string) => hub.request(`{ expenseReport(departmentId: "sales", fromMonth: "2026-11", toMonth: "2026-11") { departmentId } }`, { token });
      expect((await report(finance)).errors).toBeUndefined();
      expect(errorCodes(await report(org.tokens.bob))).toEqual(['FORBIDDEN']);
    });

    it('finance changes no corp settings, people or departments', async () => {
      for (const query of [
        `mutation { updateExpenseSettings(input: { managerDepth: 1 }) { managerDepth } }`,
        `mutation { createDepartment(input: { id: "fin", name: "Finance" }) { id } }`,
        `mutation { installApp(appId: "expenses") { id } }`,
      ]) {
        expect({ query, codes: errorCodes(await hub.request(query, { token: finance })) }).toEqual({ query, codes: ['FORBIDDEN'] });
      }
    });

    it('an analyst reads the corp and every mutation is FORBIDDEN', async () => {
      expect((await hub.request(`{ employees(first: 50) { totalCount } }`, { token: analyst })).data).toEqual({ employees: { totalCount: 8 } });
      // who administers the corp is for admins
      expect(errorCodes(await hub.request(`{ adminRoles(first: 1) { totalCount } }`, { token: analyst }))).toEqual(['FORBIDDEN']);
      for (const query of [`mutation { createTag(input: { name: "x" }) { name } }`, `mutation { addPerson(input: { displayName: "X" }) { unionId } }`]) {
        expect({ query, codes: errorCodes(await hub.request(query, { token: analyst })) }).toEqual({ query, codes: ['FORBIDDEN'] });
      }
    });
  });

  it("another corp's admin sees nothing of corp A", async () => {
    expect((await hub.request(`{ employees(first: 50) { totalCount } departments { id } }`, { token: adminB })).data).toEqual({ employees: { totalCount: 1 }, departments: [{ id: 'sales' }] });
    expect(errorCodes(await hub.request(`query($u: ID!) { employee(unionId: $u) { unionId } }`, { token: adminB, variables: { u: org.ids.alice } }))).toEqual(['NOT_FOUND']);
  });
});
