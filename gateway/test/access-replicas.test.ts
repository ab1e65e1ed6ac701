import { randomUUID } from 'node:crypto';
import { createLogger, readSecurityConfig } from '@corphub/module-kit';
import { graphqlRequest, waitFor } from '@corphub/module-kit/testing';
import { attendance } from '@corphub/attendance';
import { directory } from '@corphub/directory';
import { identity } from '@corphub/identity';
import { startGateway, type RunningGateway } from '../src/gateway';
import { composeSupergraph, hubManifest } from '@corphub/tooling';
import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const RULES = /* GraphQL */ `{ checkInRules { id } }`;

describe('gateway replicas drop a corp’s cached access when an install changes through another replica', () => {
  const channel = `corphub:test:access:${randomUUID()}`;
  const subgraphs = [identity, directory, attendance];
  let hub: TestHub;
  let corp: SeededCorp;
  const replicas: RunningGateway[] = [];

  const replica = async (redisUrl?: string) => {
    const gateway = await startGateway({
      supergraphSdl: (await composeSupergraph(subgraphs)).supergraphSdl,
      subgraphs: hubManifest(subgraphs),
      subgraphUrls: Object.fromEntries(Object.entries(hub.subgraphs).map(([name, subgraph]) => [name, subgraph.url])),
      security: readSecurityConfig({}),
      // an hour: only a notice can make it forget within the test
      config: { accessCacheSeconds: 3600, registryPollMs: 3_600_000, redisUrl, accessChannel: channel },
      logger: createLogger('test-access-replicas'),
    });
    replicas.push(gateway);
    return gateway;
  };
  const code = async (gateway: { url: string }) => (await graphqlRequest(gateway.url, RULES, { token: corp.adminToken })).errors?.[0]?.extensions?.code ?? 'OK';

  beforeAll(async () => {
    hub = await startTestHub({ label: 'access_replicas', subgraphs, gateway: { redisUrl: REDIS_URL, accessChannel: channel } });
    corp = await seedCorp(hub, 'acme', ['Ada']);
  });
  afterAll(async () => {
    for (const gateway of replicas) await gateway.stop();
    await hub?.stop();
  });

  it('an uninstall and a reinstall reach a Redis replica at once; a replica without Redis keeps its cache until it expires', async () => {
    const viaRedis = await replica(REDIS_URL);
    const withoutRedis = await replica();
    // both cache "attendance installed" for an hour
    expect([await code(viaRedis), await code(withoutRedis)]).toEqual(['OK', 'OK']);

    const uninstalled = await hub.request(`mutation { uninstallApp(appId: "attendance") { status } }`, { token: corp.adminToken });
    expect(uninstalled.errors).toBeUndefined();
    expect(await code(hub)).toBe('MODULE_NOT_INSTALLED');
    await waitFor('the Redis replica to drop the corp', async () => (await code(viaRedis)) === 'MODULE_NOT_INSTALLED', 10_000);
    expect(await code(withoutRedis)).toBe('OK');

    const installed = await hub.request(`mutation { installApp(appId: "attendance") { status } }`, { token: corp.adminToken });
    expect(installed.errors).toBeUndefined();
    await waitFor('the Redis replica to see the reinstall', async () => (await code(viaRedis)) === 'OK', 10_000);
  });
});
