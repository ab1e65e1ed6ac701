import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { directory } from '@corphub/directory';
import { startGateway, type RunningGateway } from '@corphub/gateway';
import { identity } from '@corphub/identity';
import { CONTEXT_HEADER, CONTEXT_KEYS_PATH, readSecurityConfig, Role, signatureJwk, signWith, subgraphAudience, type SecurityConfig } from '@corphub/module-kit';
import { errorCodes, graphqlRequest } from '@corphub/module-kit/testing';
import { composeSupergraph, hubManifest } from '../src/supergraph';
import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '../src/testing';

jest.setTimeout(180_000);

/**
 * A round-robin HTTP proxy over a changeable set of backends, as a load balancer (a Kubernetes Service, the
 * compose file's Caddy) is over the ready replicas: a replica taken out gets no new requests, and `drain` waits
 * for its requests in flight. `seen` hears every request's headers and path.
 */
class RoundRobin {
  private backends: string[] = [];
  private next = 0;
  private readonly inFlight = new Map<string, number>();
  private server?: http.Server;
  url = '';

  constructor(private readonly seen: (path: string, headers: IncomingHttpHeaders) => void = () => {}) {}

  async start(backends: string[]): Promise<this> {
    this.backends = backends;
    this.server = http.createServer((req, res) => {
      const backend = this.backends[this.next++ % this.backends.length];
      if (!backend) return void res.writeHead(503).end();
      this.seen(req.url ?? '', req.headers);
      this.inFlight.set(backend, (this.inFlight.get(backend) ?? 0) + 1);
      const done = () => this.inFlight.set(backend, this.inFlight.get(backend)! - 1);
      const target = new URL(req.url ?? '/', backend);
      const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', done);
      });
      upstream.on('error', () => {
        done();
        res.writeHead(502).end();
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Takes a backend out (no new requests) and waits until its requests in flight are answered. */
  async drain(backend: string): Promise<void> {
    this.backends = this.backends.filter((one) => one !== backend);
    while ((this.inFlight.get(backend) ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  add(backend: string): void {
    this.backends = [...this.backends, backend];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const keyPair = () => generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const kidOf = (privateKeyPem: string) => signatureJwk(createPrivateKey(privateKeyPem), 'EdDSA').kid;

// short, so that the test waits for it between steps 1 and 2 as an operator waits the default 30 s
const JWKS_COOLDOWN_MS = 1_000;

describe('rolling the verified context key across two gateway replicas', () => {
  const oldKey = keyPair();
  const newKey = keyPair();
  let hub: TestHub;
  let gatewayService: RoundRobin;
  let directoryService: RoundRobin;
  let acme: SeededCorp;
  let start: (security: Partial<SecurityConfig>) => Promise<RunningGateway>;
  const running: RunningGateway[] = [];
  let jwksFetches = 0;
  // the kid of every verified context the directory received, in order
  const directoryKids: string[] = [];

  beforeAll(async () => {
    gatewayService = await new RoundRobin((path) => {
      if (path === CONTEXT_KEYS_PATH) jwksFetches++;
    }).start([]);
    // hub subgraphs here hold only the gateways' JWKS URL, behind the gateways' load balancer, as vendor modules do
    const subgraphSecurity = { ...readSecurityConfig({}), contextPrivateKey: oldKey.privateKey, contextPublicKey: undefined, contextJwksUrl: `${gatewayService.url}${CONTEXT_KEYS_PATH}`, contextJwksCooldownMs: JWKS_COOLDOWN_MS };
    hub = await startTestHub({ label: 'key_rotation', subgraphs: [identity, directory], security: subgraphSecurity });
    directoryService = await new RoundRobin((_path, headers) => {
      const context = headers[CONTEXT_HEADER];
      if (typeof context === 'string') directoryKids.push((JSON.parse(Buffer.from(context.split('.')[0], 'base64url').toString()) as { kid?: string }).kid ?? 'none');
    }).start([new URL(hub.subgraphs.directory.url).origin]);
    const { supergraphSdl } = await composeSupergraph([identity, directory]);
    start = async (keys) => {
      const gateway = await startGateway({
        supergraphSdl,
        subgraphs: hubManifest([identity, directory]),
        subgraphUrls: { identity: hub.subgraphs.identity.url, directory: `${directoryService.url}/graphql` },
        port: 0,
        host: '127.0.0.1',
        security: { ...readSecurityConfig({}), ...keys },
        config: { accessCacheSeconds: 3600, registryPollMs: 3_600_000 },
      });
      running.push(gateway);
      return gateway;
    };
    const replicas = [await start({ contextPrivateKey: oldKey.privateKey }), await start({ contextPrivateKey: oldKey.privateKey })];
    for (const replica of replicas) gatewayService.add(origin(replica));
    acme = await seedCorp(hub, 'acme', ['Ada', 'Bo']);
  });

  afterAll(async () => {
    for (const gateway of running) await gateway.stop().catch(() => {});
    await gatewayService?.stop();
    await directoryService?.stop();
    await hub?.stop();
  });

  const origin = (gateway: RunningGateway) => new URL(gateway.url).origin;

  /** A rolling update of one replica: a new one with the new settings joins, the old one is drained and stopped. */
  async function replace(old: RunningGateway, keys: Partial<SecurityConfig>): Promise<RunningGateway> {
    const replacement = await start(keys);
    gatewayService.add(origin(replacement));
    await gatewayService.drain(origin(old));
    await old.stop();
    return replacement;
  }

  async function publishedKids(): Promise<string[][]> {
    // twice, so that the round robin asks both replicas
    const answers = await Promise.all([0, 1].map(() => fetch(`${gatewayService.url}${CONTEXT_KEYS_PATH}`).then((response) => response.json() as Promise<{ keys: { kid: string }[] }>)));
    return answers.map(({ keys }) => keys.map(({ kid }) => kid));
  }

  it('refuses no request while both replicas publish, switch and retire keys one at a time', async () => {
    const query = '{ people { totalCount } departments { id } }';
    let stop = false;
    let answered = 0;
    const refused: unknown[] = [];
    // a steady loop of requests through the gateways' load balancer, four at a time
    const load = Promise.all(
      [0, 1, 2, 3].map(async () => {
        while (!stop) {
          const response = await graphqlRequest(`${gatewayService.url}/graphql`, query, { token: acme.adminToken }).catch((error: Error) => ({ status: 0, errors: [{ message: error.message }] }));
          if (response.status === 200 && !response.errors && (response as { data?: { people: { totalCount: number } } }).data?.people.totalCount === 2) answered++;
          else refused.push(response);
        }
      }),
    );
    const afterSome = async (requests = 40) => {
      const target = answered + requests;
      while (answered < target && refused.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    let bothSwitched = 0;
    try {
      const [first, second] = running.slice(-2);
      const [oldKid, newKid] = [kidOf(oldKey.privateKey), kidOf(newKey.privateKey)];
      await afterSome();
      expect(await publishedKids()).toEqual([[oldKid], [oldKid]]);

      // step 1: each replica publishes the next key beside the current one, and still signs with the current one
      const publishing = { contextPrivateKey: oldKey.privateKey, contextNextPrivateKey: newKey.privateKey };
      let a = await replace(first, publishing);
      await afterSome();
      let b = await replace(second, publishing);
      await afterSome();
      expect(await publishedKids()).toEqual([
        [oldKid, newKid],
        [oldKid, newKid],
      ]);
      expect(new Set(directoryKids)).toEqual(new Set([oldKid]));
      // a subgraph fetches the JWKS again for an unknown kid at most once per cooldown: wait it out, as an operator waits 30 s
      await new Promise((resolve) => setTimeout(resolve, JWKS_COOLDOWN_MS + 200));

      // step 2: one replica after the other signs with the next key; the other still signs with the current one
      const fetchesBefore = jwksFetches;
      const signingNext = { ...publishing, contextSignWith: 'next' as const };
      const switchedAt = directoryKids.length;
      a = await replace(a, signingNext);
      await afterSome(80);
      // both keys in use at once, both accepted: the subgraphs fetched the JWKS again when the new kid first came
      expect(new Set(directoryKids.slice(switchedAt))).toEqual(new Set([oldKid, newKid]));
      expect(jwksFetches).toBeGreaterThan(fetchesBefore);
      b = await replace(b, signingNext);
      bothSwitched = directoryKids.length;
      await afterSome();

      // step 3: the old key is retired, one replica after the other
      await replace(a, { contextPrivateKey: newKey.privateKey });
      await afterSome();
      await replace(b, { contextPrivateKey: newKey.privateKey });
      await afterSome();
      expect(await publishedKids()).toEqual([[newKid], [newKid]]);
    } finally {
      // the loop ends whatever happened, so that a failed expectation does not leave it running
      stop = true;
      await load;
    }
    expect(refused).toEqual([]);
    expect(answered).toBeGreaterThan(300);
    expect(new Set(directoryKids.slice(bothSwitched))).toEqual(new Set([kidOf(newKey.privateKey)]));
  });

  it('refuses a context under a key the gateways never published, fetching their JWKS at most once per cooldown', async () => {
    await new Promise((resolve) => setTimeout(resolve, JWKS_COOLDOWN_MS + 200));
    const stranger = keyPair();
    const before = jwksFetches;
    const forged = await signWith(
      { subject: 'mallory', corpId: 'acme', role: Role.ADMIN },
      createPrivateKey(stranger.privateKey),
      { alg: 'EdDSA', typ: 'JWT', kid: kidOf(stranger.privateKey) },
      subgraphAudience('directory'),
      '60s',
    );
    const answers = await Promise.all(Array.from({ length: 20 }, () => graphqlRequest(hub.subgraphs.directory.url, '{ departments { id } }', { headers: { [CONTEXT_HEADER]: forged } })));
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
    }
    expect(jwksFetches - before).toBe(1);
  });
});
