import { startTestHub, type TestHub, download, originOf, upload } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes, pdf, png } from '@corphub/module-kit/testing';

describe('media: corp B never sees corp A', () => {
  let hub: TestHub;
  let tokenA: string;
  let tokenB: string;
  let photoA: string;
  let photoB: string;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'media_isolation' });
    tokenA = await hub.token({ corp: 'corp-a' });
    tokenB = await hub.token({ corp: 'corp-b' });
    photoA = (await upload(hub, tokenA, png(5, 5, 1), { kind: 'IMAGE' })).json.id;
    await upload(hub, tokenA, pdf('A only'), { kind: 'DOCUMENT' });
    photoB = (await upload(hub, tokenB, png(6, 6, 2), { kind: 'IMAGE' })).json.id;
  });
  afterAll(() => hub?.stop());

  it('media(id): another corp’s id is NOT_FOUND', async () => {
    const own = await hub.request(`query($id: ID!) { media(id: $id) { id } }`, { token: tokenA, variables: { id: photoA } });
    expect(own.data).toEqual({ media: { id: photoA } });
    const foreign = await hub.request(`query($id: ID!) { media(id: $id) { id } }`, { token: tokenB, variables: { id: photoA } });
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
  });

  it('mediaList: each corp lists only its own', async () => {
    const list = async (token: string) => (await hub.request(`{ mediaList(first: 50) { totalCount nodes { id } } }`, { token })).data!.mediaList;
    const a = await list(tokenA);
    const b = await list(tokenB);
    expect(a.totalCount).toBe(2);
    expect(a.nodes.map((node: { id: string }) => node.id)).toContain(photoA);
    expect(b).toEqual({ totalCount: 1, nodes: [{ id: photoB }] });
  });

  it('mediaList is for admins and analysts; employees and vendor apps get FORBIDDEN', async () => {
    for (const caller of [{ role: Role.EMPLOYEE, union: 'un_someone' }, { role: Role.VENDOR, app: 'expenses' }]) {
      const response = await hub.request(`{ mediaList(first: 5) { totalCount } }`, { token: await hub.token({ corp: 'corp-a', ...caller }) });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    }
  });

  it('GET /media/:id: another corp’s id answers 404, with a token or with a link signed for another corp', async () => {
    expect((await download(`${originOf(hub)}/media/${photoA}`, tokenA)).status).toBe(200);
    const foreign = await download(`${originOf(hub)}/media/${photoA}`, tokenB);
    expect(foreign.status).toBe(404);
    // B's own valid link, pointed at A's id, is refused (the signature covers the id)
    const linkB = new URL((await hub.request(`query($id: ID!) { media(id: $id) { url } }`, { token: tokenB, variables: { id: photoB } })).data!.media.url);
    linkB.pathname = `/media/${photoA}`;
    expect((await download(linkB.toString())).status).toBe(403);
  });

  it('the same bytes uploaded by both corps are two records, each visible only to its corp', async () => {
    const bytes = png(7, 7, 3);
    const inA = (await upload(hub, tokenA, bytes, { kind: 'IMAGE' })).json.id;
    const inB = (await upload(hub, tokenB, bytes, { kind: 'IMAGE' })).json.id;
    expect(inA).not.toBe(inB);
    expect((await download(`${originOf(hub)}/media/${inB}`, tokenA)).status).toBe(404);
    expect((await download(`${originOf(hub)}/media/${inA}`, tokenB)).status).toBe(404);
  });
});
