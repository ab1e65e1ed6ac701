import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';

describe('identity mutations: bad input gets a clear code and writes nothing', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let platform: string;
  const counts = async () =>
    (await hub.request(`{ people { totalCount } installations { totalCount } apps { totalCount } }`, { token: a.adminToken })).data;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'identity_mutations' });
    a = await seedCorp(hub, 'corp-a', ['Alice'], { modules: [] });
    platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    await hub.request(`mutation { addPerson(input: { displayName: "Ann", email: "ann@a.example" }) { unionId } }`, { token: a.adminToken });
    await hub.request(`mutation { registerApp(input: { appId: "checkin", name: "Check-in", vendor: "V" }) { secret } }`, { token: platform });
  });
  afterAll(() => hub?.stop());

  it.each([
    ['createCorp with a bad id', 'platform', `mutation { createCorp(input: { id: "Not An Id!", name: "X" }) { id } }`, 'BAD_USER_INPUT', /id must be/],
    ['createCorp with an empty name', 'platform', `mutation { createCorp(input: { id: "okid", name: "" }) { id } }`, 'BAD_USER_INPUT', /name/],
    ['createCorp with an unknown time zone', 'platform', `mutation { createCorp(input: { id: "okid", name: "Ok", timezone: "Mars/Base" }) { id } }`, 'BAD_USER_INPUT', /timezone/],
    ['createCorp of an existing corp', 'platform', `mutation { createCorp(input: { id: "corp-a", name: "Again" }) { id } }`, 'CONFLICT', /already exists/],
    ['addPerson with an empty name', 'admin', `mutation { addPerson(input: { displayName: "" }) { unionId } }`, 'BAD_USER_INPUT', /displayName/],
    ['addPerson with a bad email', 'admin', `mutation { addPerson(input: { displayName: "Eve", email: "nope" }) { unionId } }`, 'BAD_USER_INPUT', /email/],
    ['addPerson with a taken email', 'admin', `mutation { addPerson(input: { displayName: "Ann 2", email: "ann@a.example" }) { unionId } }`, 'CONFLICT', /already exists/],
    ['registerApp with a bad appId', 'platform', `mutation { registerApp(input: { appId: "X", name: "n", vendor: "v" }) { secret } }`, 'BAD_USER_INPUT', /appId/],
    ['registerApp of a taken appId', 'platform', `mutation { registerApp(input: { appId: "checkin", name: "n", vendor: "v" }) { secret } }`, 'CONFLICT', /already exists/],
    ['installApp of an unknown app', 'admin', `mutation { installApp(appId: "nope") { id } }`, 'NOT_FOUND', /not found/],
    ['uninstallApp of an app not installed', 'admin', `mutation { uninstallApp(appId: "checkin") { id } }`, 'NOT_FOUND', /not installed/],
    ['a missing required argument', 'admin', `mutation { addPerson(input: {}) { unionId } }`, 'GRAPHQL_VALIDATION_FAILED', /displayName/],
  ])('refuses %s', async (_case, as, mutation, code, message) => {
    const before = await counts();
    const response = await hub.request(mutation, { token: as === 'platform' ? platform : a.adminToken });
    expect(errorCodes(response)).toEqual([code]);
    expect(response.errors?.[0].message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['first: 0', `{ people(first: 0) { totalCount } }`],
    ['first above the maximum', `{ people(first: 501) { totalCount } }`],
    ['a made-up cursor', `{ people(after: "garbage") { totalCount } }`],
  ])('refuses a page with %s', async (_case, query) => {
    expect(errorCodes(await hub.request(query, { token: a.adminToken }))).toEqual(['BAD_USER_INPUT']);
  });

  it('installs an app once however often the request is retried', async () => {
    const install = `mutation { installApp(appId: "checkin") { id status } }`;
    const results = await Promise.all([1, 2, 3].map(() => hub.request(install, { token: a.adminToken })));
    for (const result of results) expect(result.errors).toBeUndefined();
    const ids = new Set(results.map((result) => result.data!.installApp.id));
    expect(ids.size).toBe(1);
    expect((await hub.request(install, { token: a.adminToken })).data!.installApp.id).toEqual([...ids][0]);
    expect((await counts())!.installations.totalCount).toBe(1);
  });

  it('pages through people with stable cursors', async () => {
    const all: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await hub.request(`query($after: String) { people(first: 1, after: $after) { nodes { displayName } pageInfo { hasNextPage endCursor } } }`, {
        token: a.adminToken,
        variables: { after },
      });
      all.push(...page.data.people.nodes.map((node: { displayName: string }) => node.displayName));
      after = page.data.people.pageInfo.hasNextPage ? page.data.people.pageInfo.endCursor : null;
    } while (after);
    expect(all).toEqual(['Alice', 'Ann']);
  });
});
