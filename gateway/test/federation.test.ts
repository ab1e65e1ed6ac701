import { identity } from '@corphub/identity';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { kudos } from './fixtures/kudos-subgraph';

const PLATFORM = { corp: 'platform', role: 'platform' as never };

describe('federation through the gateway', () => {
  let hub: TestHub;
  let adminA: string;
  let liWei: string;

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, kudos], label: 'federation' });
    const platform = await hub.token(PLATFORM);
    await hub.request(`mutation { createCorp(input: { id: "acme", name: "Acme" }) { id } }`, { token: platform });
    adminA = await hub.token({ corp: 'acme' });
    const added = await hub.request(`mutation { addPerson(input: { displayName: "Li Wei" }) { unionId } }`, { token: adminA });
    expect(added.errors).toBeUndefined();
    liWei = added.data!.addPerson.unionId;
    adminA = await hub.token({ corp: 'acme', union: liWei });
  });
  afterAll(() => hub?.stop());

  it('answers one request from two subgraphs, joined on the unionId', async () => {
    await hub.request(`mutation($u: ID!) { giveKudos(unionId: $u, text: "shipped it") { id } }`, { token: adminA, variables: { u: liWei } });
    const response = await hub.request(`{ me { corp { name } person { displayName kudos { text } } } }`, { token: adminA });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ me: { corp: { name: 'Acme' }, person: { displayName: 'Li Wei', kudos: [{ text: 'shipped it' }] } } });
  });

  it('resolves a reference returned by another subgraph through the identity subgraph', async () => {
    const response = await hub.request(`{ mostPraised { unionId displayName corp { id } } }`, { token: adminA });
    expect(response.data).toEqual({ mostPraised: { unionId: liWei, displayName: 'Li Wei', corp: { id: 'acme' } } });
  });

  it('passes the caller corp to every subgraph, so another corp sees none of it', async () => {
    const platform = await hub.token(PLATFORM);
    await hub.request(`mutation { createCorp(input: { id: "globex", name: "Globex" }) { id } }`, { token: platform });
    const adminB = await hub.token({ corp: 'globex' });
    const response = await hub.request(`{ mostPraised { unionId } }`, { token: adminB });
    expect(response).toEqual({ status: 200, data: { mostPraised: null } });
  });
});
