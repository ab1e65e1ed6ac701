import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { CONTEXT_HEADER, DEV_CONTEXT_PUBLIC_KEY, initOrm, readSecurityConfig, Role, subgraphAudience, type RunningServer } from '@corphub/module-kit';
import { errorCodes, graphqlRequest, signTestContext, waitFor } from '@corphub/module-kit/testing';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { approvals } from '@corphub/approvals';
import { DEMO, DEMO_PEOPLE } from '@corphub/demo';
import { DEMO_CORP, DEMO_OWNERS, okr } from '@example/okr';
import { corphub, seedCorp, startTestHub, type SeededCorp, type TestHub } from '../src/testing';

jest.setTimeout(300_000);

const SCHEMA_FILE = path.join(path.dirname(require.resolve('@example/okr/package.json')), 'schema.graphql');
const QUARTER = '2026-Q4';

describe('example module: OKR, from a fresh package to one query across subgraphs', () => {
  let hub: TestHub;
  let orm: MikroORM;
  let server: RunningServer;
  let acme: SeededCorp;
  let beta: SeededCorp;
  let vendor: string;
  let tmp: string;
  const okrStatements: string[] = [];

  beforeAll(async () => {
    // approvals: the module extends its ApprovalRequest with the objective a request is about
    hub = await startTestHub({ label: 'okr', subgraphs: [identity, directory, approvals], gateway: { registryPollMs: 250 } });
    // the module is its own process in production (npm run example:okr); here, its own server and database
    orm = await initOrm({ database: hub.database.targetFor('okr'), entities: okr.entities, migrations: okr.migrations, onQuery: (sql) => okrStatements.push(sql) });
    // a vendor's process: the gateway's public key and nothing else (no hub secret)
    const security = readSecurityConfig({ CORPHUB_CONTEXT_PUBLIC_KEY: DEV_CONTEXT_PUBLIC_KEY }, 'vendor');
    expect(security).toMatchObject({ internalSecret: undefined, contextPrivateKey: undefined });
    server = await okr.createServer({ orm, port: 0, host: '127.0.0.1', security });
    acme = await seedCorp(hub, 'acme', ['Ada', 'Bo']);
    beta = await seedCorp(hub, 'beta', ['Cy']);
    for (const corp of [acme, beta]) {
      for (const person of corp.people) {
        const hired = await hub.request(`mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { unionId } }`, {
          token: corp.adminToken,
          variables: { input: { unionId: person.unionId, displayName: person.displayName, title: 'Engineer' } },
        });
        expect(hired.errors).toBeUndefined();
      }
    }
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    const registered = await hub.request(`mutation { registerApp(input: { appId: "okr", name: "OKR", vendor: "Example Vendor" }) { app { appId } } }`, { token: platform });
    expect(registered.errors).toBeUndefined();
    vendor = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'okr' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-okr-'));
  });

  afterAll(async () => {
    await server?.stop();
    await orm?.close();
    await hub?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const writeSchema = (name: string, sdl: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, sdl);
    return file;
  };
  const base = (args: string[]) => [...args, '--gateway', hub.url, '--token', vendor];

  it("seeds the demo corp's first people as `npm start` seeds them (the template names them without @corphub/demo)", () => {
    expect({ corp: DEMO_CORP, owners: DEMO_OWNERS }).toEqual({ corp: DEMO.corpId, owners: DEMO_PEOPLE.slice(0, 2).map((person) => person.unionId) });
  });

  it('checks, publishes and serves the module with the core subgraphs in one request', async () => {
    const checked = await corphub(base(['module', 'check', '--name', 'okr', '--schema', SCHEMA_FILE]));
    expect(checked.code).toBe(0);
    expect(checked.out).toMatch(/^✓ okr: composes, no breaking changes/);
    expect(checked.out).toMatch(/\| SAFE +\| FIELD_ADDED +\| Employee\.objectives +\|/);

    const published = await corphub(base(['module', 'publish', '--name', 'okr', '--schema', SCHEMA_FILE, '--url', server.url]));
    expect(published).toMatchObject({ code: 0, err: '' });
    expect(published.out).toMatch(/published okr v1: supergraph revision 1, gateways load it without a restart/);
    await waitFor('the gateway to load revision 1', () => hub.supergraph.revision() === 1);

    const installed = await hub.request(`mutation { installApp(appId: "okr") { status } }`, { token: acme.adminToken });
    expect(installed.data).toEqual({ installApp: { status: 'INSTALLED' } });

    const [ada, bo] = acme.people;
    const created = await hub.request(`mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id title quarter } }`, {
      token: acme.adminToken,
      variables: { input: { ownerUnionId: ada.unionId, title: 'Open the platform', quarter: QUARTER } },
    });
    expect(created.errors).toBeUndefined();
    const objectiveId = created.data!.createObjective.id as string;
    const added = await hub.request(`mutation($input: AddKeyResultInput!) { addKeyResult(input: $input) { id progress } }`, {
      token: await hub.token({ corp: 'acme', role: Role.EMPLOYEE, union: ada.unionId }),
      variables: { input: { objectiveId, title: 'Three modules live' } },
    });
    expect(added.data!.addKeyResult.progress).toBe(0);
    const progressed = await hub.request(`mutation($input: UpdateProgressInput!) { updateKeyResultProgress(input: $input) { progress } }`, {
      token: vendor,
      variables: { input: { keyResultId: added.data!.addKeyResult.id, progress: 60 } },
    });
    expect(progressed.data).toEqual({ updateKeyResultProgress: { progress: 60 } });

    // identity (person), directory (employee, title, owner) and the vendor's module (objectives) in one request
    const joined = await hub.request(
      `query($u: ID!, $q: String!) {
        person(unionId: $u) { displayName }
        employee(unionId: $u) {
          title
          objectives(quarter: $q) { title owner { displayName } keyResults { title progress } }
        }
      }`,
      { token: acme.adminToken, variables: { u: ada.unionId, q: QUARTER } },
    );
    expect(joined).toEqual({
      status: 200,
      data: {
        person: { displayName: 'Ada' },
        employee: {
          title: 'Engineer',
          objectives: [{ title: 'Open the platform', owner: { displayName: 'Ada' }, keyResults: [{ title: 'Three modules live', progress: 60 }] }],
        },
      },
    });

    // an employee changes only their own OKRs
    const notTheirs = await hub.request(`mutation($input: AddKeyResultInput!) { addKeyResult(input: $input) { id } }`, {
      token: await hub.token({ corp: 'acme', role: Role.EMPLOYEE, union: bo.unionId }),
      variables: { input: { objectiveId, title: 'Sneaky' } },
    });
    expect(errorCodes(notTheirs)).toEqual(['FORBIDDEN']);
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const before = okrStatements.filter((sql) => /^insert|^update/i.test(sql)).length;
    expect(before).toBeGreaterThan(0);
    const badQuarter = await hub.request(`mutation { createObjective(input: { title: "x", quarter: "2026-Q5" }) { id } }`, { token: acme.adminToken });
    expect(errorCodes(badQuarter)).toEqual(['BAD_USER_INPUT']);
    const listed = await hub.request(`{ okrObjectives(quarter: "${QUARTER}", first: 5) { nodes { id keyResults { id } } } }`, { token: acme.adminToken });
    const keyResultId = listed.data!.okrObjectives.nodes[0].keyResults[0].id;
    const tooMuch = await hub.request(`mutation($id: ID!) { updateKeyResultProgress(input: { keyResultId: $id, progress: 150 }) { progress } }`, {
      token: acme.adminToken,
      variables: { id: keyResultId },
    });
    expect(errorCodes(tooMuch)).toEqual(['BAD_USER_INPUT']);
    const unknown = await hub.request(`mutation { addKeyResult(input: { objectiveId: "00000000-0000-4000-8000-000000000000", title: "x" }) { id } }`, { token: acme.adminToken });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    expect(okrStatements.filter((sql) => /^insert|^update/i.test(sql)).length).toBe(before);
  });

  it('answers only for corps that installed the module: MODULE_NOT_INSTALLED for the others, the rest of the query still answers', async () => {
    const refused = await hub.request(`{ employees(first: 1) { totalCount } okrObjectives(quarter: "${QUARTER}", first: 5) { totalCount } }`, { token: beta.adminToken });
    expect(refused.data).toEqual({ employees: { totalCount: 1 }, okrObjectives: null });
    expect(refused.errors).toEqual([expect.objectContaining({ path: ['okrObjectives'], extensions: expect.objectContaining({ code: 'MODULE_NOT_INSTALLED', module: 'okr' }) })]);
    const installed = await hub.request(`mutation { installApp(appId: "okr") { status } }`, { token: beta.adminToken });
    expect(installed.data).toEqual({ installApp: { status: 'INSTALLED' } });
  });

  it("accepts only contexts for its own audience: the directory refuses one meant for okr, and okr one meant for the directory", async () => {
    const admin = { subject: 'x', corpId: 'acme', role: Role.ADMIN, modules: ['okr'] };
    const call = async (url: string, query: string, subgraph: string) =>
      graphqlRequest(url, query, { headers: { [CONTEXT_HEADER]: await signTestContext(admin, subgraphAudience(subgraph)) } });
    const OKR = `{ okrObjectives(quarter: "${QUARTER}", first: 5) { totalCount } }`;
    const DIRECTORY = '{ departments { id } }';
    expect((await call(server.url, OKR, 'okr')).data).toEqual({ okrObjectives: { totalCount: 1 } });
    expect((await call(hub.subgraphs.directory.url, DIRECTORY, 'directory')).data).toEqual({ departments: [] });
    for (const refused of [await call(hub.subgraphs.directory.url, DIRECTORY, 'okr'), await call(server.url, OKR, 'directory')]) {
      expect(refused.status).toBe(401);
      expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it("hides one corp's OKRs from another", async () => {
    const own = await hub.request(`{ okrObjectives(quarter: "${QUARTER}", first: 5) { totalCount nodes { id } } }`, { token: acme.adminToken });
    expect(own.data!.okrObjectives.totalCount).toBe(1);
    const objectiveId = own.data!.okrObjectives.nodes[0].id;
    const other = await hub.request(`{ okrObjectives(quarter: "${QUARTER}", first: 5) { totalCount } }`, { token: beta.adminToken });
    expect(other.data).toEqual({ okrObjectives: { totalCount: 0 } });
    const byId = await hub.request(`query($id: ID!) { okrObjective(id: $id) { title } }`, { token: beta.adminToken, variables: { id: objectiveId } });
    expect(errorCodes(byId)).toEqual(['NOT_FOUND']);
    const foreignKey = await hub.request(`mutation($id: ID!) { addKeyResult(input: { objectiveId: $id, title: "x" }) { id } }`, { token: beta.adminToken, variables: { id: objectiveId } });
    expect(errorCodes(foreignKey)).toEqual(['NOT_FOUND']);
  });

  it('batches: the same number of module statements for one employee and for a page of them', async () => {
    const count = async (first: number) => {
      okrStatements.length = 0;
      const page = await hub.request(
        `query($first: Int!) { employees(first: $first) { nodes { objectives(quarter: "${QUARTER}") { title keyResults { progress } } } } }`,
        { token: acme.adminToken, variables: { first } },
      );
      expect(page.errors).toBeUndefined();
      expect(page.data!.employees.nodes).toHaveLength(first);
      return okrStatements.filter((sql) => /^select/i.test(sql)).length;
    };
    const one = await count(1);
    expect(one).toBeGreaterThan(0);
    expect(await count(2)).toBe(one);
  });

  it('the CLI exits 1 with the table on breaking changes and composition errors, 2 on wrong usage', async () => {
    const sdl = fs.readFileSync(SCHEMA_FILE, 'utf8');
    const breaking = writeSchema('breaking.graphql', sdl.replace(/\n\s*"""Percent done, 0–100\."""\n\s*progress: Int!/, ''));
    const checked = await corphub(base(['module', 'check', '--name', 'okr', '--schema', breaking]));
    expect(checked.code).toBe(1);
    expect(checked.out).toMatch(/^✗ okr: 1 breaking change/);
    expect(checked.out).toMatch(/\| BREAKING \| FIELD_REMOVED \| KeyResult\.progress \| Field 'progress' was removed from object type 'KeyResult' \|/);

    const refused = await corphub(base(['module', 'publish', '--name', 'okr', '--schema', breaking, '--url', server.url]));
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/KeyResult\.progress/);
    expect(refused.err).toMatch(/refused \(SCHEMA_CHECK_FAILED\)/);
    expect(hub.supergraph.revision()).toBe(1);

    const clash = writeSchema('clash.graphql', sdl.replace('unionId: ID!', 'unionId: Int!'));
    const composed = await corphub(base(['module', 'check', '--name', 'okr', '--schema', clash]));
    expect(composed.code).toBe(1);
    expect(composed.out).toMatch(/^✗ okr: does not compose/);
    expect(composed.out).toMatch(/\| 1 +\| .*Employee\.unionId/);

    expect((await corphub(['module', 'check', '--name', 'okr'])).code).toBe(2);
    expect((await corphub(['module', 'publish', '--name', 'okr', '--schema', SCHEMA_FILE, '--token', vendor])).code).toBe(2);
  });
});
