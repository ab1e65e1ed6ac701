import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The series of corphub_gateway_requests_total, as `operation/outcome` → count. */
async function requestCounts(hub: TestHub): Promise<Record<string, number>> {
  const text = await (await fetch(new URL('/metrics', hub.url))).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^corphub_gateway_requests_total\{operation="([^"]*)",outcome="([^"]*)"\} (\d+)$/gm)) counts[`${match[1]}/${match[2]}`] = Number(match[3]);
  return counts;
}

describe('the operation label of the gateway metrics', () => {
  let hub: TestHub;
  let token: string;
  const registered = 'query Registered { me { role } }';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-labels-'));

  beforeAll(async () => {
    const manifest = path.join(dir, 'operations.json');
    fs.writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(registered), body: registered, name: 'Registered', type: 'query' }] }));
    hub = await startTestHub({ label: 'operation-labels', gateway: { metricsToken: undefined, metricsOperationLabels: 2, operationsManifest: manifest } });
    token = await hub.token({ corp: 'acme' });
  });
  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the first N operation names a label each and the (N+1)th `other`; registered operations keep theirs', async () => {
    for (const name of ['First', 'Second', 'Third', 'Fourth', 'First']) {
      expect(await hub.request(`query ${name} { me { role } }`, { token })).toEqual({ status: 200, data: { me: { role: 'ADMIN' } } });
    }
    // past the cap, but its text is in the operations manifest
    expect(await hub.request(registered, { token })).toEqual({ status: 200, data: { me: { role: 'ADMIN' } } });
    // the same name with another text is not the registered operation
    expect(await hub.request('query Registered { __typename me { role } }', { token })).toEqual({ status: 200, data: { __typename: 'Query', me: { role: 'ADMIN' } } });
    expect(await requestCounts(hub)).toEqual({ 'First/ok': 2, 'Second/ok': 1, 'other/ok': 3, 'Registered/ok': 1 });
  });
});
