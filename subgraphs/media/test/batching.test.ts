import { identity } from '@corphub/identity';
import { startTestHub, type TestHub, upload } from '@corphub/tooling/testing';
import { media } from '@corphub/media';
import { png } from '@corphub/module-kit/testing';
import type { GraphQLResponse } from '@corphub/module-kit/testing';
import { attachments } from './fixtures/attachments-subgraph';

describe('media: references and lists are batched', () => {
  let hub: TestHub;
  let token: string;
  const ids: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, media, attachments], label: 'media_batching' });
    token = await hub.token({ corp: 'acme' });
    for (let i = 0; i < 100; i++) {
      const answer = await upload(hub, token, png(2, 2, i), { kind: 'IMAGE' });
      expect(answer.status).toBe(201);
      ids.push(answer.json.id);
    }
    const attached = await hub.request(`mutation($ids: [ID!]!) { attach(mediaIds: $ids) }`, { token, variables: { ids } });
    expect(attached.data).toEqual({ attach: 100 });
  });
  afterAll(() => hub?.stop());

  /** Runs a query and counts the media subgraph's SQL statements and the `_entities` calls it received. */
  const measure = async (query: string, variables: Record<string, unknown>) => {
    let response: GraphQLResponse | undefined;
    const counts = await hub.queries.during(async () => {
      response = await hub.request(query, { token, variables });
    });
    expect(response?.errors).toBeUndefined();
    return { response: response!, statements: counts.media ?? 0 };
  };

  const ATTACHMENTS = /* GraphQL */ `query($first: Int!) { attachments(first: $first) { position photo { id kind mimeType width url } } }`;

  it('resolves 100 media references from another subgraph with one statement on the media side', async () => {
    const { response, statements } = await measure(ATTACHMENTS, { first: 100 });
    expect(response.data!.attachments).toHaveLength(100);
    response.data!.attachments.forEach((attachment: any, position: number) => {
      expect(attachment).toEqual({ position, photo: { id: ids[position], kind: 'IMAGE', mimeType: 'image/png', width: 2, url: expect.stringContaining(`/media/${ids[position]}?`) } });
    });
    expect(statements).toBe(1);
    const one = await measure(ATTACHMENTS, { first: 1 });
    expect(one.statements).toBe(statements);
  });

  it('answers null for a reference to another corp’s media (it is not there for this caller)', async () => {
    const other = await hub.token({ corp: 'globex' });
    await hub.request(`mutation($ids: [ID!]!) { attach(mediaIds: $ids) }`, { token: other, variables: { ids: ids.slice(0, 2) } });
    const response = await hub.request(ATTACHMENTS, { token: other, variables: { first: 10 } });
    expect(response.data).toEqual({ attachments: [{ position: 0, photo: null }, { position: 1, photo: null }] });
  });

  it('lists media with the same statements for page 1 and page 50', async () => {
    const LIST = /* GraphQL */ `query($first: Int!) { mediaList(first: $first) { totalCount edges { node { id url durationSeconds } } } }`;
    const small = await measure(LIST, { first: 1 });
    const large = await measure(LIST, { first: 50 });
    expect(large.response.data!.mediaList.edges).toHaveLength(50);
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });
});
