import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID, createHash } from 'node:crypto';
import { startGateway, type RunningGateway } from '@corphub/gateway';
import { hubManifest, readSupergraph, SUBGRAPHS } from '@corphub/tooling';
import { seedCorp, startTestHub, type TestHub } from '@corphub/tooling/testing';
import { ConfigError, readSecurityConfig } from '@corphub/module-kit';
import { errorCodes, graphqlRequest, type GraphQLResponse } from '@corphub/module-kit/testing';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** An APQ request as Apollo Client sends it: the hash, and the query text only when asked for it. */
async function persisted(url: string, token: string, hash: string, query?: string): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** A query text no earlier run has registered (Redis keeps hashes between runs). */
const freshQuery = () => `query Me { me { role corp { id } } } # ${randomUUID()}`;

describe('automatic persisted queries', () => {
  let hub: TestHub;
  let token: string;
  const gateways: RunningGateway[] = [];
  const security = readSecurityConfig({});
  const anotherGateway = async (config: Parameters<typeof startGateway>[0]['config']) => {
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphs: hubManifest(SUBGRAPHS),
      subgraphUrls: { identity: hub.subgraphs.identity.url },
      security,
      config,
    });
    gateways.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    hub = await startTestHub({ label: 'apq' });
    await seedCorp(hub, 'acme');
    token = await hub.token({ corp: 'acme', role: 'analyst' as never });
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await hub?.stop();
  });

  it('registers a hash with its query, then answers the hash alone (in-memory)', async () => {
    const query = freshQuery();
    const hash = sha256(query);
    expect(errorCodes(await persisted(hub.url, token, hash))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(await persisted(hub.url, token, hash, query)).toEqual({ status: 200, data: { me: { role: 'ANALYST', corp: { id: 'acme' } } } });
    expect(await persisted(hub.url, token, hash)).toEqual({ status: 200, data: { me: { role: 'ANALYST', corp: { id: 'acme' } } } });
    const metrics = await (await fetch(new URL('/metrics', hub.url))).text();
    expect(metrics).toMatch(/corphub_gateway_persisted_queries_total\{result="hit"\} 1\n/);
    expect(metrics).toMatch(/corphub_gateway_persisted_queries_total\{result="miss"\} 1\n/);
  });

  it('refuses a hash that does not match its query', async () => {
    const response = await persisted(hub.url, token, sha256('something else'), freshQuery());
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('shares registered hashes between gateways through Redis', async () => {
    const first = await anotherGateway({ redisUrl: REDIS_URL });
    const second = await anotherGateway({ redisUrl: REDIS_URL });
    const query = freshQuery();
    const hash = sha256(query);
    expect(errorCodes(await persisted(second.url, token, hash))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await persisted(first.url, token, hash, query)).data).toEqual({ me: { role: 'ANALYST', corp: { id: 'acme' } } });
    // the registration is written after the answer: wait for it to reach Redis
    let fromSecond: GraphQLResponse = { status: 0 };
    for (let attempt = 0; attempt < 20 && !fromSecond.data; attempt++) {
      fromSecond = await persisted(second.url, token, hash);
      if (!fromSecond.data) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fromSecond).toEqual({ status: 200, data: { me: { role: 'ANALYST', corp: { id: 'acme' } } } });
    // the in-memory hub never saw it
    expect(errorCodes(await persisted(hub.url, token, hash))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('answers without waiting while Redis is unreachable: lookups are misses', async () => {
    const gateway = await anotherGateway({ redisUrl: 'redis://127.0.0.1:1' });
    const query = freshQuery();
    const hash = sha256(query);
    const started = Date.now();
    expect(errorCodes(await persisted(gateway.url, token, hash))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await persisted(gateway.url, token, hash, query)).data).toEqual({ me: { role: 'ANALYST', corp: { id: 'acme' } } });
    expect(errorCodes(await persisted(gateway.url, token, hash))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  describe('with an operations manifest', () => {
    const registered = 'query MyRole { me { role } }';
    let manifest: string;

    beforeAll(() => {
      manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-manifest-')), 'operations.json');
      fs.writeFileSync(
        manifest,
        JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(registered), name: 'MyRole', type: 'query', body: registered }] }),
      );
    });

    it('answers a registered operation by its hash without registering it first', async () => {
      const gateway = await anotherGateway({ operationsManifest: manifest });
      expect(await persisted(gateway.url, token, sha256(registered))).toEqual({ status: 200, data: { me: { role: 'ANALYST' } } });
      // other operations still work when the safelist is off
      expect((await graphqlRequest(gateway.url, '{ me { corp { id } } }', { token })).data).toEqual({ me: { corp: { id: 'acme' } } });
    });

    it('answers only registered operations when the safelist is on', async () => {
      const gateway = await anotherGateway({ operationsManifest: manifest, onlyRegisteredOperations: true });
      expect(await persisted(gateway.url, token, sha256(registered))).toEqual({ status: 200, data: { me: { role: 'ANALYST' } } });
      expect(await graphqlRequest(gateway.url, registered, { token })).toEqual({ status: 200, data: { me: { role: 'ANALYST' } } });
      const refused = await graphqlRequest(gateway.url, '{ me { corp { id } } }', { token });
      expect(refused.status).toBe(400);
      expect(errorCodes(refused)).toEqual(['OPERATION_NOT_REGISTERED']);
      // nor can a client register one through APQ
      const query = freshQuery();
      expect(errorCodes(await persisted(gateway.url, token, sha256(query), query))).toEqual(['OPERATION_NOT_REGISTERED']);
      expect(errorCodes(await persisted(gateway.url, token, sha256(query)))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    });

    it('refuses to start with a manifest whose ids are not the hashes of their operations', async () => {
      const bad = path.join(path.dirname(manifest), 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ operations: [{ id: 'abc', body: registered }] }));
      await expect(anotherGateway({ operationsManifest: bad })).rejects.toThrow(ConfigError);
    });
  });
});
