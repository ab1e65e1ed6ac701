import { randomUUID } from 'node:crypto';
import { createLogger, readSecurityConfig, Role, type RunningServer } from '@corphub/module-kit';
import { graphqlRequest, waitFor } from '@corphub/module-kit/testing';
import { identity } from '@corphub/identity';
import { startGateway, type RunningGateway } from '../src/gateway';
import { composeSupergraph, hubManifest } from '@corphub/tooling';
import { seedCorp, startPlainSubgraph, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';

jest.setTimeout(240_000);

const BADGES = /* GraphQL */ `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Person @key(fields: "unionId") { unionId: ID! badges: [String!]! }
`;
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

describe('gateway replicas pick up a published supergraph without a restart', () => {
  const channel = `corphub:test:registry:${randomUUID()}`;
  const logger = createLogger('test-replicas');
  let hub: TestHub;
  let corp: SeededCorp;
  let moduleServer: RunningServer;
  let moduleUrl: string;
  let coreSdl: string;
  let platform: string;
  let vendor: string;
  const replicas: RunningGateway[] = [];
  /** The replicas told by a Redis notice and by polling (assigned by the first test). */
  let viaRedis: RunningGateway;
  let viaPolling: RunningGateway;

  const replica = async (config: { registryPollMs: number; redisUrl?: string }) => {
    const gateway = await startGateway({
      supergraphSdl: coreSdl,
      subgraphs: hubManifest([identity]),
      subgraphUrls: { identity: hub.subgraphs.identity.url },
      security: readSecurityConfig({}),
      config: { ...config, registryChannel: channel },
      logger,
    });
    replicas.push(gateway);
    return gateway;
  };
  const badges = (url: string) =>
    graphqlRequest(url, `query($u: ID!) { person(unionId: $u) { displayName badges } }`, { token: corp.adminToken, variables: { u: corp.people[0].unionId } });

  beforeAll(async () => {
    moduleServer = await startPlainSubgraph(BADGES, { Person: { badges: () => ['early bird'] } });
    moduleUrl = moduleServer.url;
    hub = await startTestHub({ label: 'replicas', subgraphs: [identity], gateway: { registryPollMs: 60_000, redisUrl: REDIS_URL, registryChannel: channel } });
    coreSdl = (await composeSupergraph([identity])).supergraphSdl;
    corp = await seedCorp(hub, 'acme', ['Ada']);
  });

  afterAll(async () => {
    for (const gateway of replicas) await gateway.stop();
    await hub?.stop();
    await moduleServer?.stop();
  });

  it('a Redis notice reaches a replica at once; a polling replica follows; a new replica starts on it', async () => {
    // polls only once a minute: only the Redis notice can bring it the new supergraph within the test
    // (the hub's own gateway is told in-process, and polls once a minute too)
    viaRedis = await replica({ registryPollMs: 60_000, redisUrl: REDIS_URL });
    viaPolling = await replica({ registryPollMs: 300 });
    expect(viaRedis.supergraph.revision()).toBe(0);
    expect((await badges(viaRedis.url)).errors?.[0].message).toMatch(/Cannot query field "badges"/);

    platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    vendor = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'badges' });
    await hub.request(`mutation { registerApp(input: { appId: "badges", name: "Badges", vendor: "V" }) { app { appId } } }`, { token: platform });
    const published = await hub.request(`mutation($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { supergraph { revision } } }`, {
      token: vendor,
      variables: { input: { name: 'badges', url: moduleUrl, sdl: BADGES } },
    });
    expect(published).toEqual({ status: 200, data: { publishSubgraph: { supergraph: { revision: 1 } } } });

    await waitFor('the Redis replica to load revision 1', () => viaRedis.supergraph.revision() === 1, 30_000);
    await waitFor('the polling replica to load revision 1', () => viaPolling.supergraph.revision() === 1, 30_000);
    await waitFor('the hub gateway to load revision 1', () => hub.supergraph.revision() === 1, 30_000);
    const started = await replica({ registryPollMs: 60_000 });
    expect(started.supergraph.revision()).toBe(1);
    for (const gateway of [hub, viaRedis, viaPolling, started]) {
      expect(await badges(gateway.url)).toEqual({ status: 200, data: { person: { displayName: 'Ada', badges: ['early bird'] } } });
    }
  });

  it('a retire reaches the replicas the same way: the module\'s fields fail validation on each, without a restart', async () => {
    const retired = await hub.request(`mutation { retireSubgraph(name: "badges") { supergraph { revision } } }`, { token: vendor });
    expect(retired).toEqual({ status: 200, data: { retireSubgraph: { supergraph: { revision: 2 } } } });

    await waitFor('the Redis replica to load revision 2', () => viaRedis.supergraph.revision() === 2, 30_000);
    await waitFor('the polling replica to load revision 2', () => viaPolling.supergraph.revision() === 2, 30_000);
    await waitFor('the hub gateway to load revision 2', () => hub.supergraph.revision() === 2, 30_000);
    const started = await replica({ registryPollMs: 60_000 });
    expect(started.supergraph.revision()).toBe(2);
    for (const gateway of [hub, viaRedis, viaPolling, started]) {
      const answer = await badges(gateway.url);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(answer.errors?.[0].message).toMatch(/Cannot query field "badges" on type "Person"/);
    }
    const listed = await hub.request(`{ moduleSubgraph(name: "badges") { retiredAt } }`, { token: platform });
    expect(listed.data!.moduleSubgraph.retiredAt).toEqual(expect.any(String));
  });
});
