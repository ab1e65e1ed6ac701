import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';

const OPEN_ID = `query($app: ID!, $u: ID!) { openId(appId: $app, unionId: $u) }`;
const BY_OPEN_ID = `query($o: String!) { personByOpenId(openId: $o) { unionId displayName } }`;

describe('identity: openIds', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  const openIdOf = async (corp: SeededCorp, appId: string, unionId: string): Promise<string> => {
    const response = await hub.request(OPEN_ID, { token: corp.adminToken, variables: { app: appId, u: unionId } });
    expect(response).toEqual({ status: 200, data: { openId: expect.any(String) } });
    return response.data!.openId;
  };
  const vendor = (corp: SeededCorp, app: string) => hub.token({ corp: corp.corpId, role: Role.VENDOR, app });

  beforeAll(async () => {
    hub = await startTestHub({ label: 'identity_openids' });
    a = await seedCorp(hub, 'corp-a', ['Alice', 'Aaron']);
    b = await seedCorp(hub, 'corp-b', ['Bob']);
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    for (const appId of ['checkin', 'claims']) {
      await hub.request(`mutation($id: ID!) { registerApp(input: { appId: $id, name: "An app", vendor: "V" }) { secret } }`, { token: platform, variables: { id: appId } });
      await hub.request(`mutation($id: ID!) { installApp(appId: $id) { id } }`, { token: a.adminToken, variables: { id: appId } });
    }
  });
  afterAll(() => hub?.stop());

  it('gives one stable openId per app and person, different across apps and people', async () => {
    const [alice, aaron] = a.people.map((person) => person.unionId);
    const first = await openIdOf(a, 'checkin', alice);
    expect(await openIdOf(a, 'checkin', alice)).toBe(first);
    expect(await openIdOf(a, 'claims', alice)).not.toBe(first);
    expect(await openIdOf(a, 'checkin', aaron)).not.toBe(first);
    expect(first).not.toContain(alice);
  });

  it('keeps the openId across an uninstall and a reinstall', async () => {
    const alice = a.people[0].unionId;
    const before = await openIdOf(a, 'claims', alice);
    await hub.request(`mutation { uninstallApp(appId: "claims") { status } }`, { token: a.adminToken });
    await hub.request(`mutation { installApp(appId: "claims") { status } }`, { token: a.adminToken });
    expect(await openIdOf(a, 'claims', alice)).toBe(before);
  });

  it('issues openIds to a person who joins after the install', async () => {
    const added = await hub.request(`mutation { addPerson(input: { displayName: "Amy" }) { unionId } }`, { token: a.adminToken });
    const amy = added.data!.addPerson.unionId;
    const openId = await openIdOf(a, 'checkin', amy);
    const response = await hub.request(BY_OPEN_ID, { token: await vendor(a, 'checkin'), variables: { o: openId } });
    expect(response.data).toEqual({ personByOpenId: { unionId: amy, displayName: 'Amy' } });
  });

  it("lets a vendor resolve its own app's openIds only", async () => {
    const openId = await openIdOf(a, 'checkin', a.people[0].unionId);
    const own = await hub.request(BY_OPEN_ID, { token: await vendor(a, 'checkin'), variables: { o: openId } });
    expect(own.data).toEqual({ personByOpenId: { unionId: a.people[0].unionId, displayName: 'Alice' } });
    const other = await hub.request(BY_OPEN_ID, { token: await vendor(a, 'claims'), variables: { o: openId } });
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
  });

  it('refuses a vendor in a corp that has not installed its app', async () => {
    const openId = await openIdOf(a, 'checkin', a.people[0].unionId);
    const response = await hub.request(BY_OPEN_ID, { token: await vendor(b, 'checkin'), variables: { o: openId } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('refuses openId lookups for an app the corp has not installed', async () => {
    const response = await hub.request(OPEN_ID, { token: b.adminToken, variables: { app: 'checkin', u: b.people[0].unionId } });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  it('refuses a vendor once its app is uninstalled', async () => {
    const openId = await openIdOf(a, 'checkin', a.people[1].unionId);
    await hub.request(`mutation { uninstallApp(appId: "checkin") { status } }`, { token: a.adminToken });
    const response = await hub.request(BY_OPEN_ID, { token: await vendor(a, 'checkin'), variables: { o: openId } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    await hub.request(`mutation { installApp(appId: "checkin") { status } }`, { token: a.adminToken });
  });

  it("shows a corp admin a person's openId in each installed app, and nobody else", async () => {
    const alice = a.people[0].unionId;
    const OPEN_IDS = `query($u: ID!) { person(unionId: $u) { displayName openIds { app { appId } openId } } }`;
    await hub.request(`mutation { uninstallApp(appId: "claims") { status } }`, { token: a.adminToken });
    const installed = await hub.request<{ installations: { nodes: { status: string; app: { appId: string } }[] } }>(`{ installations(first: 100) { nodes { status app { appId } } } }`, { token: a.adminToken });
    const apps = installed.data!.installations.nodes.filter((row) => row.status === 'INSTALLED').map((row) => row.app.appId).sort();
    expect(apps).toContain('checkin');
    expect(apps).not.toContain('claims');
    const answer = await hub.request<{ person: { displayName: string; openIds: { app: { appId: string }; openId: string }[] } }>(OPEN_IDS, { token: a.adminToken, variables: { u: alice } });
    expect(answer.errors).toBeUndefined();
    const expected = await Promise.all(apps.map(async (appId) => ({ app: { appId }, openId: await openIdOf(a, appId, alice) })));
    expect([...answer.data!.person.openIds].sort((x, y) => x.app.appId.localeCompare(y.app.appId))).toEqual(expected);
    await hub.request(`mutation { installApp(appId: "claims") { status } }`, { token: a.adminToken });

    // an analyst, the person themself: the person answers, their openIds are FORBIDDEN
    for (const token of [
      await hub.token({ corp: 'corp-a', role: Role.ANALYST }),
      await hub.token({ corp: 'corp-a', role: Role.EMPLOYEE, union: alice }),
    ]) {
      const refused = await hub.request(OPEN_IDS, { token, variables: { u: alice } });
      expect(refused.data).toEqual({ person: { displayName: 'Alice', openIds: null } });
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await hub.request(OPEN_IDS, { token: b.adminToken, variables: { u: alice } }))).toEqual(['NOT_FOUND']);
  });
});
