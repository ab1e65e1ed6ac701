import { Role, type CoreGraph, type RunningServer } from '@corphub/module-kit';
import { errorCodes, waitFor } from '@corphub/module-kit/testing';
import { identity, PublishedSupergraph, SchemaRegistry } from '@corphub/identity';
import { composeSupergraph, defaultRoutingUrl } from '../src/supergraph';
import { corphub, seedCorp, startPlainSubgraph, startTestHub, type SeededCorp, type TestHub } from '../src/testing';

jest.setTimeout(240_000);

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const GOALS = /* GraphQL */ `${LINK}
type Person @key(fields: "unionId") { unionId: ID! goals: [Goal!]! }
type Goal { id: ID! title: String! }
`;
const BADGES = /* GraphQL */ `${LINK}
type Person @key(fields: "unionId") { unionId: ID! badges: [String!]! }
`;

const PUBLISH = /* GraphQL */ `
  mutation ($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) { subgraph { name currentVersion retiredAt } version { version } supergraph { revision reason } }
  }
`;
const RETIRE = /* GraphQL */ `
  mutation ($name: String!) {
    retireSubgraph(name: $name) {
      subgraph { name currentVersion retiredAt app { appId } latestVersion { version } }
      supergraph { revision reason sdl }
      changes { level type path }
      table
    }
  }
`;
const GOALS_QUERY = /* GraphQL */ `query ($u: ID!) { person(unionId: $u) { displayName goals { title } } }`;
const BADGES_QUERY = /* GraphQL */ `query ($u: ID!) { person(unionId: $u) { displayName badges } }`;

interface Retired {
  subgraph: { name: string; currentVersion: number; retiredAt: string | null; app: { appId: string }; latestVersion: { version: number } };
  supergraph: { revision: number; reason: string; sdl: string } | null;
  changes: { level: string; type: string; path: string }[];
  table: string;
}

describe('module registry: retire', () => {
  let hub: TestHub;
  let corp: SeededCorp;
  let platform: string;
  let goalsVendor: string;
  let badgesVendor: string;
  let goalsServer: RunningServer;
  let badgesServer: RunningServer;

  beforeAll(async () => {
    goalsServer = await startPlainSubgraph(GOALS, { Person: { goals: () => [{ id: 'g1', title: 'Ship retire' }] } });
    badgesServer = await startPlainSubgraph(BADGES, { Person: { badges: () => ['early bird'] } });
    // polls once a minute: only the registry's in-process notice can bring a new supergraph within a test
    hub = await startTestHub({ label: 'registry_retire', subgraphs: [identity], gateway: { registryPollMs: 60_000 } });
    corp = await seedCorp(hub, 'acme', ['Ada']);
    platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    for (const appId of ['goals', 'badges']) {
      const registered = await hub.request(`mutation($appId: ID!) { registerApp(input: { appId: $appId, name: "A module", vendor: "V" }) { app { appId } } }`, {
        token: platform,
        variables: { appId },
      });
      expect(registered.errors).toBeUndefined();
    }
    goalsVendor = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'goals' });
    badgesVendor = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'badges' });
  });

  afterAll(async () => {
    await hub?.stop();
    await goalsServer?.stop();
    await badgesServer?.stop();
  });

  const publish = (token: string, input: Record<string, unknown>) => hub.request(PUBLISH, { token, variables: { input } });
  const retire = (token: string, name: string) => hub.request<{ retireSubgraph: Retired }>(RETIRE, { token, variables: { name } });
  const goals = () => hub.request(GOALS_QUERY, { token: corp.adminToken, variables: { u: corp.people[0].unionId } });
  const badges = () => hub.request(BADGES_QUERY, { token: corp.adminToken, variables: { u: corp.people[0].unionId } });
  const retiredAtOf = async (name: string) => {
    const listed = await hub.request<{ moduleSubgraph: { retiredAt: string | null } }>(`query($name: String!) { moduleSubgraph(name: $name) { retiredAt } }`, {
      token: platform,
      variables: { name },
    });
    return listed.data!.moduleSubgraph.retiredAt;
  };

  it('refuses an unknown name (NOT_FOUND) and a core subgraph (BAD_USER_INPUT)', async () => {
    expect(errorCodes(await retire(platform, 'goals'))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await retire(goalsVendor, 'nope'))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await retire(platform, 'identity'))).toEqual(['BAD_USER_INPUT']);
    expect(hub.supergraph.revision()).toBe(0);
  });

  it('refuses another vendor, a person signed in to the app and a corp admin (FORBIDDEN); the module keeps serving', async () => {
    for (const [token, input] of [
      [goalsVendor, { name: 'goals', sdl: GOALS, url: goalsServer.url }],
      [badgesVendor, { name: 'badges', sdl: BADGES, url: badgesServer.url }],
    ] as const) {
      const published = await publish(token, input);
      expect(published.errors).toBeUndefined();
    }
    await waitFor('the gateway to load revision 2', () => hub.supergraph.revision() === 2);
    expect(await goals()).toEqual({ status: 200, data: { person: { displayName: 'Ada', goals: [{ title: 'Ship retire' }] } } });

    const person = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'goals', union: corp.people[0].unionId });
    for (const token of [badgesVendor, person, corp.adminToken]) {
      expect(errorCodes(await retire(token, 'goals'))).toEqual(['FORBIDDEN']);
    }
    expect(await retiredAtOf('goals')).toBeNull();
    expect(hub.supergraph.revision()).toBe(2);
    expect((await goals()).errors).toBeUndefined();
  });

  it("lets the owning vendor retire its module: gateways drop its fields without a restart, other modules keep serving", async () => {
    const retired = await retire(goalsVendor, 'goals');
    expect(retired.errors).toBeUndefined();
    const answer = retired.data!.retireSubgraph;
    expect(answer).toMatchObject({
      subgraph: { name: 'goals', currentVersion: 1, app: { appId: 'goals' }, latestVersion: { version: 1 } },
      supergraph: { revision: 3, reason: 'goals retired by app:goals' },
    });
    expect(answer.subgraph.retiredAt).toEqual(expect.any(String));
    expect(answer.supergraph!.sdl).not.toMatch(/@join__graph\(name: "goals"/);
    expect(answer.supergraph!.sdl).toMatch(/@join__graph\(name: "badges"/);
    expect(answer.changes).toEqual(
      expect.arrayContaining([
        { level: 'BREAKING', type: 'FIELD_REMOVED', path: 'Person.goals' },
        { level: 'BREAKING', type: 'TYPE_REMOVED', path: 'Goal' },
      ]),
    );
    expect(answer.table).toMatch(/^✓ goals: retired, gateways no longer serve it\n/);
    expect(answer.table).toMatch(/\| BREAKING \| FIELD_REMOVED \| Person\.goals/);

    await waitFor('the gateway to load revision 3', () => hub.supergraph.revision() === 3);
    const gone = await goals();
    expect(errorCodes(gone)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(gone.errors![0].message).toMatch(/Cannot query field "goals" on type "Person"/);
    expect(await badges()).toEqual({ status: 200, data: { person: { displayName: 'Ada', badges: ['early bird'] } } });

    // the registry shows it retired, its versions kept; the vendor still sees its own
    const listed = await hub.request(`{ moduleSubgraphs(first: 10) { nodes { name retiredAt latestVersion { version } } } }`, { token: platform });
    expect(listed.data!.moduleSubgraphs.nodes).toEqual([
      { name: 'badges', retiredAt: null, latestVersion: { version: 1 } },
      { name: 'goals', retiredAt: answer.subgraph.retiredAt, latestVersion: { version: 1 } },
    ]);
    const own = await hub.request(`{ moduleSubgraph(name: "goals") { retiredAt } subgraphVersions(name: "goals", first: 5) { nodes { version } } }`, { token: goalsVendor });
    expect(own.data).toEqual({ moduleSubgraph: { retiredAt: answer.subgraph.retiredAt }, subgraphVersions: { nodes: [{ version: 1 }] } });
  });

  it('answers a retry with the same state and writes nothing (safe to retry)', async () => {
    const before = await retiredAtOf('goals');
    for (const token of [goalsVendor, platform]) {
      const again = await retire(token, 'goals');
      expect(again.errors).toBeUndefined();
      expect(again.data!.retireSubgraph).toEqual({
        subgraph: { name: 'goals', currentVersion: 1, retiredAt: before, app: { appId: 'goals' }, latestVersion: { version: 1 } },
        supergraph: null,
        changes: [],
        table: `✓ goals: already retired at ${before} (nothing changed)`,
      });
    }
    const latest = await hub.request(`{ registrySupergraph { revision } }`, { token: platform });
    expect(latest.data).toEqual({ registrySupergraph: { revision: 3 } });
    // checking a retired name against the graph is allowed for its app, and sees the module gone
    const checked = await hub.request(`mutation($input: CheckSubgraphInput!) { checkSubgraph(input: $input) { ok changes { type path } } }`, {
      token: goalsVendor,
      variables: { input: { name: 'goals', sdl: GOALS } },
    });
    expect(checked.data!.checkSubgraph).toEqual({ ok: true, changes: expect.arrayContaining([{ type: 'FIELD_ADDED', path: 'Person.goals' }]) });
  });

  it('lets only its own app publish a retired name again: a new version, served again', async () => {
    const taken = await publish(badgesVendor, { name: 'goals', sdl: GOALS, url: goalsServer.url });
    expect(errorCodes(taken)).toEqual(['FORBIDDEN']);
    const forOther = await publish(platform, { name: 'goals', sdl: GOALS, url: goalsServer.url, appId: 'badges' });
    expect(errorCodes(forOther)).toEqual(['FORBIDDEN']);
    expect(hub.supergraph.revision()).toBe(3);

    // the same SDL and URL as the retired version: not a no-op, a revival
    const revived = await publish(goalsVendor, { name: 'goals', sdl: GOALS, url: goalsServer.url });
    expect(revived.errors).toBeUndefined();
    expect(revived.data!.publishSubgraph).toEqual({
      subgraph: { name: 'goals', currentVersion: 2, retiredAt: null },
      version: { version: 2 },
      supergraph: { revision: 4, reason: 'goals v2 published by app:goals (revived)' },
    });
    await waitFor('the gateway to load revision 4', () => hub.supergraph.revision() === 4);
    expect(await goals()).toEqual({ status: 200, data: { person: { displayName: 'Ada', goals: [{ title: 'Ship retire' }] } } });
    expect((await badges()).errors).toBeUndefined();
  });

  it('lets a platform admin retire any module; concurrent retires write one supergraph and all succeed', async () => {
    const answers = await Promise.all([retire(platform, 'goals'), retire(platform, 'goals'), retire(goalsVendor, 'goals')]);
    expect(answers.map((answer) => answer.errors)).toEqual([undefined, undefined, undefined]);
    const written = answers.map((answer) => answer.data!.retireSubgraph.supergraph?.revision ?? null);
    expect(written.filter((revision) => revision !== null)).toEqual([5]);
    const retiredAt = new Set(answers.map((answer) => answer.data!.retireSubgraph.subgraph.retiredAt));
    expect(retiredAt.size).toBe(1);
    await waitFor('the gateway to load revision 5', () => hub.supergraph.revision() === 5);
    expect(errorCodes(await goals())).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((await badges()).errors).toBeUndefined();
  });

  it('retires through the CLI: --help, usage errors, a refusal, the table of what clients lose, then a no-op', async () => {
    const help = await corphub(['module', 'retire', '--help']);
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(/^usage: corphub module retire NAME/);
    expect((await corphub(['module', 'retire'], { CORPHUB_TOKEN: badgesVendor })).code).toBe(2);
    expect((await corphub(['module', 'retire', '--name', 'badges'])).code).toBe(2);

    const gateway = ['--gateway', hub.url];
    const refused = await corphub(['module', 'retire', '--name', 'badges', ...gateway], { CORPHUB_TOKEN: goalsVendor });
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('✗ FORBIDDEN: Subgraph "badges" belongs to another app');
    const unknown = await corphub(['module', 'retire', '--name', 'nope', '--token', badgesVendor, ...gateway]);
    expect(unknown).toMatchObject({ code: 1, out: '✗ NOT_FOUND: Subgraph "nope" not found' });

    const retired = await corphub(['module', 'retire', '--name', 'badges', '--token', badgesVendor, ...gateway]);
    expect(retired.code).toBe(0);
    expect(retired.out).toMatch(/^✓ badges: retired, gateways no longer serve it\n/);
    expect(retired.out).toMatch(/\| BREAKING \| FIELD_REMOVED \| Person\.badges/);
    expect(retired.out).toMatch(/retired badges: supergraph revision 6, gateways drop it without a restart$/);
    await waitFor('the gateway to load revision 6', () => hub.supergraph.revision() === 6);
    expect(errorCodes(await badges())).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // nothing left but the core graph: its own queries still answer
    const me = await hub.request(`query($u: ID!) { person(unionId: $u) { displayName } }`, { token: corp.adminToken, variables: { u: corp.people[0].unionId } });
    expect(me).toEqual({ status: 200, data: { person: { displayName: 'Ada' } } });

    const again = await corphub(['module', 'retire', '--name', 'badges', '--token', badgesVendor, ...gateway]);
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toMatch(/^✓ badges: already retired at .* \(nothing changed\)$/);
  });

  it('lets two registries (identity replicas) retire one module at the same moment: one supergraph is written, both answer', async () => {
    const revived = await publish(goalsVendor, { name: 'goals', sdl: GOALS, url: goalsServer.url });
    expect(revived.errors).toBeUndefined();
    await waitFor('the gateway to load revision 7', () => hub.supergraph.revision() === 7);
    // the hub's own core graph, as each identity replica has it
    const core = await composeSupergraph([identity]);
    const coreGraph = (): Promise<CoreGraph> =>
      Promise.resolve({ supergraphSdl: core.supergraphSdl, subgraphs: [{ name: 'identity', url: defaultRoutingUrl(identity), sdl: core.subgraphSdl.identity }] });
    const orm = hub.subgraphs.identity.orm;
    const auth = { subject: 'platform@platform', corpId: 'platform', role: Role.PLATFORM };
    // both read the module live and compose before either commits: the second loses the race, composes again and finds it retired
    const outcomes = await Promise.all([new SchemaRegistry(coreGraph), new SchemaRegistry(coreGraph)].map((registry) => registry.retire(orm.em.fork(), auth, 'goals')));
    expect(outcomes.map((outcome) => outcome.supergraph?.revision ?? null).sort()).toEqual([8, null]);
    expect(outcomes[0].subgraph.retiredAt).toEqual(outcomes[1].subgraph.retiredAt);
    expect(await orm.em.fork().count(PublishedSupergraph, {})).toBe(8);
    await hub.supergraph.pollNow();
    expect(hub.supergraph.revision()).toBe(8);
    expect(errorCodes(await goals())).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses to retire a module another module depends on (SCHEMA_CHECK_FAILED) and changes nothing', async () => {
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])';
    const tasks = `${link}\ntype Query { task(id: ID!): Task }\ntype Task @key(fields: "id") { id: ID! title: String! }`;
    // scores computes a field from tasks' title: without tasks it does not compose
    const scores = `${link}\ntype Task @key(fields: "id") { id: ID! title: String! @external score: Int! @requires(fields: "title") }`;
    const servers = [
      await startPlainSubgraph(tasks, { Query: { task: (_: unknown, { id }: { id: string }) => ({ id, title: 'Write docs' }) } }),
      await startPlainSubgraph(scores, { Task: { score: (task: { title: string }) => task.title.length } }),
    ];
    try {
      const tokens: string[] = [];
      for (const [index, [name, sdl]] of [['tasks', tasks], ['scores', scores]].entries()) {
        await hub.request(`mutation($appId: ID!) { registerApp(input: { appId: $appId, name: "A module", vendor: "V" }) { app { appId } } }`, { token: platform, variables: { appId: name } });
        tokens.push(await hub.token({ corp: 'acme', role: Role.VENDOR, app: name }));
        const published = await publish(tokens[index], { name, sdl, url: servers[index].url });
        expect(published.errors).toBeUndefined();
      }
      const revision = (await hub.request(`{ registrySupergraph { revision } }`, { token: platform })).data!.registrySupergraph.revision as number;
      await waitFor(`the gateway to load revision ${revision}`, () => hub.supergraph.revision() === revision);
      const task = () => hub.request(`{ task(id: "t1") { title score } }`, { token: corp.adminToken });
      expect(await task()).toEqual({ status: 200, data: { task: { title: 'Write docs', score: 10 } } });

      const refused = await retire(tokens[0], 'tasks');
      expect(errorCodes(refused)).toEqual(['SCHEMA_CHECK_FAILED']);
      expect(refused.errors![0].message).toMatch(/Without "tasks" the other modules do not compose: .*Task\.title/);
      expect(refused.errors![0].extensions!.compositionErrors).toEqual([expect.stringMatching(/Task\.title/)]);
      expect(await retiredAtOf('tasks')).toBeNull();
      expect((await hub.request(`{ registrySupergraph { revision } }`, { token: platform })).data!.registrySupergraph.revision).toBe(revision);
      expect(await task()).toEqual({ status: 200, data: { task: { title: 'Write docs', score: 10 } } });

      // the dependent module first, then the one it needed
      const [tasksVendor, scoresVendor] = tokens;
      expect((await retire(scoresVendor, 'scores')).errors).toBeUndefined();
      expect((await retire(tasksVendor, 'tasks')).errors).toBeUndefined();
      await waitFor(`the gateway to load revision ${revision + 2}`, () => hub.supergraph.revision() === revision + 2);
      expect(errorCodes(await task())).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    } finally {
      for (const server of servers) await server.stop();
    }
  });
});
