import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';

describe('identity: SQL statements do not grow with the page size', () => {
  let hub: TestHub;
  let a: SeededCorp;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'identity_batching' });
    a = await seedCorp(hub, 'corp-a', Array.from({ length: 60 }, (_, i) => `Person ${i}`));
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    for (let i = 0; i < 12; i++) {
      await hub.request(`mutation($id: ID!) { registerApp(input: { appId: $id, name: "App", vendor: "V" }) { secret } }`, { token: platform, variables: { id: `app-${i}` } });
      await hub.request(`mutation($id: ID!) { installApp(appId: $id) { id } }`, { token: a.adminToken, variables: { id: `app-${i}` } });
    }
  });
  afterAll(() => hub?.stop());

  const statementsFor = async (query: string, first: number) => {
    let response: Awaited<ReturnType<TestHub['request']>> | undefined;
    const counts = await hub.queries.during(async () => {
      response = await hub.request(query, { token: a.adminToken, variables: { first } });
    });
    expect(response?.errors).toBeUndefined();
    return counts.identity;
  };

  it.each([
    ['people with their corp', `query($first: Int!) { people(first: $first) { totalCount edges { node { unionId corp { name } } } } }`],
    ['installations with their app', `query($first: Int!) { installations(first: $first) { nodes { status app { name installation { status } } } } }`],
    ['apps with their installation', `query($first: Int!) { apps(first: $first) { nodes { appId installation { status app { appId } } } } }`],
  ])('%s: page 1 and page 50 run the same statements', async (_case, query) => {
    const small = await statementsFor(query, 1);
    const large = await statementsFor(query, 50);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});
