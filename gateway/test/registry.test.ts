import { Writable } from 'node:stream';
import { printSubgraphSchema } from '@apollo/subgraph';
import pino from 'pino';
import { readSecurityConfig, Role, type RunningServer } from '@corphub/module-kit';
import { composeSubgraphs, sha256 } from '@corphub/identity';
import { errorCodes, waitFor } from '@corphub/module-kit/testing';
import { identity, PublishedSupergraph } from '@corphub/identity';
import { seedCorp, startPlainSubgraph, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';

jest.setTimeout(240_000);

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
/** v1: goals per person. */
const GOALS_V1 = /* GraphQL */ `${LINK}
type Person @key(fields: "unionId") { unionId: ID! goals: [Goal!]! }
type Goal { id: ID! title: String! }
`;
/** v2: a new field, a safe change. */
const GOALS_V2 = /* GraphQL */ `${LINK}
type Person @key(fields: "unionId") { unionId: ID! goals: [Goal!]! }
type Goal { id: ID! title: String! progress: Int! }
`;
/** v3: removes Goal.title, a breaking change. */
const GOALS_V3 = /* GraphQL */ `${LINK}
type Person @key(fields: "unionId") { unionId: ID! goals: [Goal!]! }
type Goal { id: ID! progress: Int! }
`;
/** Does not compose: identity's Person.unionId is ID!, not Int. */
const NOT_COMPOSING = /* GraphQL */ `${LINK}
type Person @key(fields: "unionId") { unionId: Int! goals: [String!]! }
`;

const PUBLISH = /* GraphQL */ `
  mutation ($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) {
      check { ok breakingChangeCount changes { level type path } }
      subgraph { name url currentVersion app { appId } }
      version { version sha forced publishedBy }
      supergraph { revision }
    }
  }
`;
const CHECK = /* GraphQL */ `
  mutation ($input: CheckSubgraphInput!) {
    checkSubgraph(input: $input) { name ok compositionErrors breakingChangeCount changes { level type path message } table }
  }
`;
const GOALS_QUERY = /* GraphQL */ `
  query ($unionId: ID!) { person(unionId: $unionId) { displayName goals { id title } } }
`;

describe('module registry: check, publish, hot reload', () => {
  let hub: TestHub;
  let corp: SeededCorp;
  let platform: string;
  let goalsVendor: string;
  let otherVendor: string;
  let moduleServer: RunningServer;
  let moduleUrl: string;

  // the gateway's warnings, to tell why a request failed if one does (e.g. the cause of SUBGRAPH_UNAVAILABLE)
  const warnings: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      warnings.push(chunk.toString());
      done();
    },
  });

  beforeAll(async () => {
    // a third party's module: a plain Apollo subgraph, no Corphub code (it serves v2, a superset of v1)
    moduleServer = await startPlainSubgraph(GOALS_V2, {
      Person: { goals: (person: { unionId: string }) => [{ id: `g-${person.unionId}`, title: 'Ship the registry', progress: 40 }] },
    });
    moduleUrl = moduleServer.url;
    hub = await startTestHub({ label: 'registry', subgraphs: [identity], gateway: { registryPollMs: 60_000 }, logger: pino({ level: 'warn' }, sink) });
    corp = await seedCorp(hub, 'acme', ['Ada', 'Grace']);
    platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    for (const appId of ['goals', 'rival']) {
      const registered = await hub.request(`mutation($appId: ID!) { registerApp(input: { appId: $appId, name: "A module", vendor: "V" }) { app { appId } } }`, {
        token: platform,
        variables: { appId },
      });
      expect(registered.errors).toBeUndefined();
    }
    goalsVendor = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'goals' });
    otherVendor = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'rival' });
  });

  afterAll(async () => {
    await hub?.stop();
    await moduleServer?.stop();
  });

  const publish = (token: string, input: Record<string, unknown>) => hub.request(PUBLISH, { token, variables: { input: { url: moduleUrl, ...input } } });
  const check = (token: string, input: Record<string, unknown>) => hub.request(CHECK, { token, variables: { input } });

  it('refuses a candidate that does not compose, with the composition errors, even forced', async () => {
    const checked = await check(goalsVendor, { name: 'goals', sdl: NOT_COMPOSING });
    expect(checked.errors).toBeUndefined();
    expect(checked.data!.checkSubgraph).toMatchObject({ name: 'goals', ok: false, breakingChangeCount: 0 });
    expect(checked.data!.checkSubgraph.compositionErrors.join('\n')).toMatch(/Person\.unionId/);
    expect(checked.data!.checkSubgraph.table).toMatch(/does not compose/);

    for (const [token, force] of [[goalsVendor, false], [platform, true]] as const) {
      const refused = await publish(token, { name: 'goals', sdl: NOT_COMPOSING, appId: 'goals', force });
      expect(errorCodes(refused)).toEqual(['SCHEMA_CHECK_FAILED']);
      expect(refused.errors![0].message).toMatch(/does not compose: .*Person\.unionId/);
      expect((refused.errors![0].extensions!.compositionErrors as string[]).length).toBeGreaterThan(0);
    }
    const listed = await hub.request(`{ moduleSubgraphs(first: 10) { totalCount } }`, { token: platform });
    expect(listed.data!.moduleSubgraphs.totalCount).toBe(0);
    expect(hub.supergraph.revision()).toBe(0);
  });

  it('validates input and who may publish', async () => {
    const badName = await publish(goalsVendor, { name: 'Goals!', sdl: GOALS_V1 });
    expect(errorCodes(badName)).toEqual(['BAD_USER_INPUT']);
    const badUrl = await publish(goalsVendor, { name: 'goals', sdl: GOALS_V1, url: 'not a url' });
    expect(errorCodes(badUrl)).toEqual(['BAD_USER_INPUT']);
    const core = await publish(goalsVendor, { name: 'identity', sdl: GOALS_V1 });
    expect(errorCodes(core)).toEqual(['BAD_USER_INPUT']);
    const admin = await publish(corp.adminToken, { name: 'goals', sdl: GOALS_V1 });
    expect(errorCodes(admin)).toEqual(['FORBIDDEN']);
    const forOtherApp = await publish(goalsVendor, { name: 'goals', sdl: GOALS_V1, appId: 'rival' });
    expect(errorCodes(forOtherApp)).toEqual(['FORBIDDEN']);
    const platformWithoutApp = await publish(platform, { name: 'goals', sdl: GOALS_V1 });
    expect(errorCodes(platformWithoutApp)).toEqual(['BAD_USER_INPUT']);
    const unknownApp = await publish(platform, { name: 'goals', sdl: GOALS_V1, appId: 'nope' });
    expect(errorCodes(unknownApp)).toEqual(['NOT_FOUND']);
    expect(hub.supergraph.revision()).toBe(0);
  });

  it('accepts a module and a safe change, served without a restart while queries run with zero failures', async () => {
    const first = await publish(goalsVendor, { name: 'goals', sdl: GOALS_V1 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.publishSubgraph).toMatchObject({
      check: { ok: true, breakingChangeCount: 0 },
      subgraph: { name: 'goals', url: moduleUrl, currentVersion: 1, app: { appId: 'goals' } },
      version: { version: 1, sha: sha256(GOALS_V1), forced: false, publishedBy: 'app:goals' },
      supergraph: { revision: 1 },
    });
    // the gateway (polling only once a minute) loads it at once, told by the registry in its process
    await waitFor('the gateway to load revision 1', () => hub.supergraph.revision() === 1);
    const unionId = corp.people[0].unionId;
    const joined = await hub.request(GOALS_QUERY, { token: corp.adminToken, variables: { unionId } });
    expect(joined).toEqual({ status: 200, data: { person: { displayName: 'Ada', goals: [{ id: `g-${unionId}`, title: 'Ship the registry' }] } } });

    // a real HTTP client keeps firing queries (core + module fields) while v2 is published and loaded
    let running = true;
    let answered = 0;
    const failures: unknown[] = [];
    const worker = async () => {
      while (running) {
        try {
          const response = await fetch(hub.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${corp.adminToken}` },
            body: JSON.stringify({ query: GOALS_QUERY, variables: { unionId } }),
          });
          const body = (await response.json()) as { data?: { person?: { goals?: unknown[] } }; errors?: unknown[] };
          if (response.status !== 200 || body.errors || body.data?.person?.goals?.length !== 1) failures.push({ status: response.status, body });
        } catch (error) {
          failures.push(String(error));
        }
        answered += 1;
      }
    };
    const load = Array.from({ length: 4 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = answered;
    const second = await publish(goalsVendor, { name: 'goals', sdl: GOALS_V2 });
    expect(second.errors).toBeUndefined();
    expect(second.data!.publishSubgraph.check.changes).toEqual(
      expect.arrayContaining([{ level: 'SAFE', type: 'FIELD_ADDED', path: 'Goal.progress' }]),
    );
    expect(second.data!.publishSubgraph.version.version).toBe(2);
    await waitFor('the gateway to load revision 2', () => hub.supergraph.revision() === 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    await Promise.all(load);
    expect({ failures, unavailable: warnings.filter((line) => /subgraph unavailable|timed out/.test(line)) }).toEqual({ failures: [], unavailable: [] });
    expect(answered - before).toBeGreaterThan(5);
    expect(hub.supergraph.revision()).toBe(2);

    const withProgress = await hub.request(`query($u: ID!) { person(unionId: $u) { goals { title progress } } }`, { token: corp.adminToken, variables: { u: unionId } });
    expect(withProgress).toEqual({ status: 200, data: { person: { goals: [{ title: 'Ship the registry', progress: 40 }] } } });
  });

  it('refuses a breaking change and shows it; the served graph keeps the field', async () => {
    const checked = await check(goalsVendor, { name: 'goals', sdl: GOALS_V3 });
    expect(checked.data!.checkSubgraph).toMatchObject({ ok: false, compositionErrors: [], breakingChangeCount: 1 });
    expect(checked.data!.checkSubgraph.changes).toContainEqual({
      level: 'BREAKING',
      type: 'FIELD_REMOVED',
      path: 'Goal.title',
      message: "Field 'title' was removed from object type 'Goal'",
    });
    expect(checked.data!.checkSubgraph.table).toMatch(/\| BREAKING \| FIELD_REMOVED \| Goal\.title +\| Field 'title' was removed/);

    const refused = await publish(goalsVendor, { name: 'goals', sdl: GOALS_V3 });
    expect(errorCodes(refused)).toEqual(['SCHEMA_CHECK_FAILED']);
    expect(refused.errors![0].message).toMatch(/1 breaking change\(s\): Field 'title' was removed from object type 'Goal'/);
    expect(refused.errors![0].extensions!.breakingChanges).toEqual([expect.objectContaining({ type: 'FIELD_REMOVED', path: 'Goal.title' })]);
    expect(refused.errors![0].extensions!.table).toMatch(/Goal\.title/);
    expect(hub.supergraph.revision()).toBe(2);
    const still = await hub.request(GOALS_QUERY, { token: corp.adminToken, variables: { unionId: corp.people[0].unionId } });
    expect(still.errors).toBeUndefined();
  });

  it('lets only a platform admin force a breaking change', async () => {
    const vendorForce = await publish(goalsVendor, { name: 'goals', sdl: GOALS_V3, force: true });
    expect(errorCodes(vendorForce)).toEqual(['FORBIDDEN']);
    expect(hub.supergraph.revision()).toBe(2);

    const forced = await publish(platform, { name: 'goals', sdl: GOALS_V3, force: true });
    expect(forced.errors).toBeUndefined();
    expect(forced.data!.publishSubgraph).toMatchObject({
      check: { ok: false, breakingChangeCount: 1 },
      version: { version: 3, forced: true, publishedBy: 'platform@platform' },
      supergraph: { revision: 3 },
    });
    await waitFor('the gateway to load revision 3', () => hub.supergraph.revision() === 3);
    const gone = await hub.request(GOALS_QUERY, { token: corp.adminToken, variables: { unionId: corp.people[0].unionId } });
    expect(gone.errors?.[0].message).toMatch(/Cannot query field "title" on type "Goal"/);
  });

  it('keeps names to their app and shows each vendor only its own subgraphs', async () => {
    const taken = await publish(otherVendor, { name: 'goals', sdl: GOALS_V3 });
    expect(errorCodes(taken)).toEqual(['FORBIDDEN']);
    const second = await publish(goalsVendor, { name: 'goals_two', sdl: GOALS_V3 });
    expect(errorCodes(second)).toEqual(['CONFLICT']);

    const query = `{ moduleSubgraphs(first: 10) { nodes { name latestVersion { version forced } } } subgraphVersions(name: "goals", first: 2) { nodes { version publishedBy } pageInfo { hasNextPage } } }`;
    const own = await hub.request(query, { token: goalsVendor });
    expect(own.data).toEqual({
      moduleSubgraphs: { nodes: [{ name: 'goals', latestVersion: { version: 3, forced: true } }] },
      subgraphVersions: { nodes: [{ version: 3, publishedBy: 'platform@platform' }, { version: 2, publishedBy: 'app:goals' }], pageInfo: { hasNextPage: true } },
    });
    const other = await hub.request(`{ moduleSubgraphs(first: 10) { nodes { name } } moduleSubgraph(name: "goals") { name } }`, { token: otherVendor });
    expect(other.data).toEqual({ moduleSubgraphs: { nodes: [] }, moduleSubgraph: null });
    const versions = await hub.request(`{ subgraphVersions(name: "goals", first: 1) { nodes { version } } }`, { token: otherVendor });
    expect(errorCodes(versions)).toEqual(['NOT_FOUND']);
    // a corp admin (and an analyst) weighs every module before installing it: the whole registry, read only
    for (const token of [corp.adminToken, await hub.token({ corp: 'acme', role: Role.ANALYST })]) {
      const read = await hub.request(`{ moduleSubgraphs(first: 10) { nodes { name } } subgraphVersions(name: "goals", first: 1) { nodes { version forced } } }`, { token });
      expect(read.data).toEqual({ moduleSubgraphs: { nodes: [{ name: 'goals' }] }, subgraphVersions: { nodes: [{ version: 3, forced: true }] } });
    }
    const employee = await hub.request(`{ moduleSubgraphs(first: 10) { totalCount } }`, { token: await hub.token({ corp: 'acme', role: Role.EMPLOYEE, union: 'nobody' }) });
    expect(errorCodes(employee)).toEqual(['FORBIDDEN']);
  });

  it('never loads a bad supergraph: the current one keeps serving', async () => {
    const em = hub.subgraphs.identity.orm.em.fork();
    const [latest] = await em.find(PublishedSupergraph, {}, { orderBy: { revision: 'desc' }, limit: 1 });
    const garbage = 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query } type Query { broken: Nope }';
    const noCore = latest.sdl.replace(/IDENTITY @join__graph\(name: "identity"[^)]*\)/, '');
    const rows = [
      new PublishedSupergraph(latest.revision + 1, garbage, sha256(garbage), latest.baseSha, 'test: not a supergraph'),
      new PublishedSupergraph(latest.revision + 2, noCore, sha256(noCore), latest.baseSha, 'test: lost a core subgraph'),
      new PublishedSupergraph(latest.revision + 3, latest.sdl + '\n', sha256(latest.sdl + '\n'), sha256('another core'), 'test: another core graph'),
    ];
    for (const row of rows) {
      await em.persistAndFlush(row);
      await hub.supergraph.pollNow();
      expect(hub.supergraph.revision()).toBe(latest.revision);
    }
    const served = await hub.request(`query($u: ID!) { person(unionId: $u) { displayName goals { progress } } }`, {
      token: corp.adminToken,
      variables: { u: corp.people[1].unionId },
    });
    expect(served).toEqual({ status: 200, data: { person: { displayName: 'Grace', goals: [{ progress: 40 }] } } });
  });

  it('rebases the modules over a new core graph when identity starts with one; gateways on the old core keep theirs', async () => {
    const served = hub.supergraph.revision();
    const newCore = [
      { name: 'identity', url: 'http://localhost:4001/graphql', sdl: printSubgraphSchema(await identity.buildSchema()) },
      { name: 'extra', url: 'http://localhost:4099/graphql', sdl: 'type Query { ping: String }' },
    ];
    const composed = composeSubgraphs(newCore);
    // a redeployed identity (same database) whose core graph gained a subgraph
    const redeployed = await identity.createServer({
      orm: hub.subgraphs.identity.orm,
      port: 0,
      host: '127.0.0.1',
      security: readSecurityConfig({}),
      coreGraph: () => Promise.resolve({ supergraphSdl: composed.supergraphSdl!, subgraphs: newCore }),
    });
    try {
      const em = hub.subgraphs.identity.orm.em.fork();
      let rebased: PublishedSupergraph | undefined;
      await waitFor('a rebased supergraph', async () => {
        [rebased] = await em.fork().find(PublishedSupergraph, { reason: 'rebased over a new core graph' });
        return Boolean(rebased);
      }, 60_000);
      expect(rebased!.baseSha).toBe(sha256(composed.supergraphSdl!));
      expect(rebased!.sdl).toMatch(/EXTRA @join__graph\(name: "extra"/);
      expect(rebased!.sdl).toMatch(/GOALS @join__graph\(name: "goals"/);
      await hub.supergraph.pollNow();
      expect(hub.supergraph.revision()).toBe(served);
    } finally {
      await redeployed.stop();
    }
  });
});
