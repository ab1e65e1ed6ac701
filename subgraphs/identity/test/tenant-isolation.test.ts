import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { CONTEXT_HEADER, Role, subgraphAudience } from '@corphub/module-kit';
import { errorCodes, graphqlRequest, signTestContext } from '@corphub/module-kit/testing';

describe('identity: tenant isolation', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'identity_tenants' });
    a = await seedCorp(hub, 'corp-a', ['Alice A', 'Aaron A'], { modules: [] });
    b = await seedCorp(hub, 'corp-b', ['Bob B'], { modules: [] });
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    await hub.request(`mutation { registerApp(input: { appId: "checkin", name: "Check-in", vendor: "V1" }) { secret } }`, { token: platform });
    await hub.request(`mutation { installApp(appId: "checkin") { id } }`, { token: a.adminToken });
  });
  afterAll(() => hub?.stop());

  it('shows each corp only its own corp and people', async () => {
    const query = `{ me { corp { id } } corp { id } people(first: 50) { totalCount nodes { displayName } } }`;
    expect((await hub.request(query, { token: a.adminToken })).data).toEqual({
      me: { corp: { id: 'corp-a' } },
      corp: { id: 'corp-a' },
      people: { totalCount: 2, nodes: [{ displayName: 'Alice A' }, { displayName: 'Aaron A' }] },
    });
    expect((await hub.request(query, { token: b.adminToken })).data).toEqual({
      me: { corp: { id: 'corp-b' } },
      corp: { id: 'corp-b' },
      people: { totalCount: 1, nodes: [{ displayName: 'Bob B' }] },
    });
  });

  it("answers another corp's person as NOT_FOUND", async () => {
    const response = await hub.request(`query($u: ID!) { person(unionId: $u) { displayName } }`, { token: b.adminToken, variables: { u: a.people[0].unionId } });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.data).toEqual({ person: null });
  });

  it("shows each corp only its own installations and openIds", async () => {
    const installations = `{ installations { nodes { app { appId } } } }`;
    expect((await hub.request(installations, { token: a.adminToken })).data).toEqual({ installations: { nodes: [{ app: { appId: 'checkin' } }] } });
    expect((await hub.request(installations, { token: b.adminToken })).data).toEqual({ installations: { nodes: [] } });
    const openId = await hub.request(`query($u: ID!) { openId(appId: "checkin", unionId: $u) }`, { token: b.adminToken, variables: { u: a.people[0].unionId } });
    expect(errorCodes(openId)).toEqual(['NOT_FOUND']);
  });

  it("changes only the caller's corp", async () => {
    const added = await hub.request(`mutation { addPerson(input: { displayName: "Betty B" }) { unionId } }`, { token: b.adminToken });
    expect(added.errors).toBeUndefined();
    const uninstall = await hub.request(`mutation { uninstallApp(appId: "checkin") { id } }`, { token: b.adminToken });
    expect(errorCodes(uninstall)).toEqual(['NOT_FOUND']);
    const seenByA = await hub.request(`{ people { totalCount } installations { nodes { status } } }`, { token: a.adminToken });
    expect(seenByA.data).toEqual({ people: { totalCount: 2 }, installations: { nodes: [{ status: 'INSTALLED' }] } });
  });

  it("resolves no entity reference into another corp, even called directly with a valid context", async () => {
    const context = await signTestContext({ subject: 'x', corpId: 'corp-b', role: Role.ADMIN }, subgraphAudience('identity'));
    const response = await graphqlRequest(
      hub.subgraphs.identity.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { unionId displayName } ... on Corp { id name } } }`,
      { headers: { [CONTEXT_HEADER]: context }, variables: { r: [{ __typename: 'Person', unionId: a.people[0].unionId }, { __typename: 'Corp', id: 'corp-a' }] } },
    );
    expect(response.data).toEqual({ _entities: [null, null] });
  });
});
