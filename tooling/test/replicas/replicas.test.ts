/**
 * The hub as N replicas (npm run test:replicas): two gateways and two of every subgraph and of a vendor module,
 * each a separate OS process on one PostgreSQL database and one Redis, each service behind a round-robin
 * TCP proxy (startCluster). What one replica does, the others must see at once; what the background loops
 * of two replicas send must arrive once; a replica killed under load must lose no accepted write.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { EventSource } from 'eventsource';
import { Client } from 'pg';
import { CONTEXT_HEADER, Role } from '@corphub/module-kit';
import { errorCodes, waitFor, type GraphQLResponse } from '@corphub/module-kit/testing';
import { okr } from '@example/okr';
import { SUBGRAPHS } from '../../src/subgraphs';
import { createDepartments, hire, seedCorp, startCluster, type Cluster, type Replica, type SeededCorp } from '../../src/testing';

jest.setTimeout(180_000);

const QUARTER = '2026-Q4';
const REDIRECT = 'https://okr.example.test/callback';
const OKR_SDL = fs.readFileSync(path.join(path.dirname(require.resolve('@example/okr/package.json')), 'schema.graphql'), 'utf8');
const OBJECTIVES = `query($q: String!) { okrObjectives(quarter: $q, first: 50) { totalCount nodes { title owner { displayName } } } }`;

async function must<T = Record<string, any>>(response: Promise<GraphQLResponse<T>>, what: string): Promise<T> {
  const answer = await response;
  if (answer.errors || !answer.data) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

/** A real EventSource client (the `eventsource` package, over fetch) that keeps every message event. */
class Stream {
  readonly messages: { id: string; title: string }[] = [];
  private readonly source: EventSource;
  readonly ready: Promise<void>;

  constructor(url: string, headers: Record<string, string>) {
    this.source = new EventSource(url, { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }) });
    this.source.addEventListener('message', (event) => this.messages.push(JSON.parse(event.data) as { id: string; title: string }));
    this.ready = new Promise((resolve, reject) => {
      this.source.addEventListener('ready', () => resolve());
      this.source.addEventListener('error', (event) => reject(new Error(`stream ${url}: ${event.message ?? 'error'}`)));
    });
  }

  close(): void {
    this.source.close();
  }
}

/** Counts what a vendor's webhook endpoint receives, by Standard Webhooks message id; `failFirst` ids get a 503 once. */
function startReceiver(failFirst: (id: string) => boolean) {
  const received = new Map<string, { ok: number; refused: number; type: string }>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const entry = received.get(id) ?? { ok: 0, refused: 0, type: (JSON.parse(body) as { type: string }).type };
      received.set(id, entry);
      if (entry.refused === 0 && failFirst(id)) {
        entry.refused++;
        res.writeHead(503).end();
      } else {
        entry.ok++;
        res.writeHead(204).end();
      }
    });
  });
  return {
    received,
    url: new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`))),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The development sign-in page driven as a browser does: the page, its CSRF cookie and form, a person picked. */
async function signIn(origin: string, params: Record<string, string>, unionId: string): Promise<URL> {
  const page = await fetch(`${origin}/oauth/authorize?${new URLSearchParams(params).toString()}`);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`sign-in page: HTTP ${page.status} ${html.slice(0, 300)}`);
  const cookie = page.headers
    .getSetCookie()
    .find((header) => header.startsWith('corphub_oauth_csrf='))!
    .split(';')[0];
  const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name, value.replace(/&amp;/g, '&')]));
  const posted = await fetch(`${origin}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ ...hidden, union_id: unionId }).toString(),
  });
  if (posted.status !== 302) throw new Error(`sign-in post: HTTP ${posted.status}`);
  return new URL(posted.headers.get('location')!);
}

describe('replicas: two of every service on one PostgreSQL and one Redis', () => {
  let cluster: Cluster;
  let db: Client;
  let acme: SeededCorp;
  let platform: string;
  let vendor: string;
  let okrSecret: string;
  const people: Record<'bo' | 'cy' | 'di', string> = { bo: '', cy: '', di: '' };
  const tokens: Record<'bo' | 'cy' | 'di', string> = { bo: '', cy: '', di: '' };
  let gatewayA: Replica;
  let gatewayB: Replica;
  const started = Date.now();

  beforeAll(async () => {
    cluster = await startCluster({
      label: 'replicas',
      modules: [{ name: 'okr', main: 'examples/okr/dist/main.js' }],
      env: { CORPHUB_OAUTH_DEV_SIGN_IN: 'true', CORPHUB_OAUTH_DEV_SIGN_IN_CORP: 'acme' },
    });
    console.log(`cluster of ${Object.values(cluster.services).reduce((sum, service) => sum + service.replicas.length, 2)} processes up after ${Date.now() - started} ms`);
    [gatewayA, gatewayB] = cluster.gateway.replicas;
    db = new Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    acme = await seedCorp(cluster, 'acme', ['Ada Admin']);
    await createDepartments(cluster, acme, [['team', 'Team', null]]);
    for (const [key, name] of [['bo', 'Bo'], ['cy', 'Cy'], ['di', 'Di']] as const) {
      people[key] = await hire(cluster, acme, name, { departmentIds: ['team'], title: 'Engineer' });
      tokens[key] = await cluster.token({ corp: 'acme', role: Role.EMPLOYEE, union: people[key] });
    }
    platform = await cluster.token({ corp: 'platform', role: Role.PLATFORM });
    vendor = await cluster.token({ corp: 'acme', role: Role.VENDOR, app: 'okr' });
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
  });

  const count = async (sql: string, values: unknown[] = []) => Number((await db.query<{ n: string }>(sql, values)).rows[0].n);

  it('runs every migration once, with all replicas started together', async () => {
    const definitions = [...SUBGRAPHS, okr];
    for (const definition of definitions) {
      const { rows } = await db.query<{ name: string; times: string }>(`select name, count(*) as times from "${definition.name}".mikro_orm_migrations group by name`);
      expect({ subgraph: definition.name, applied: rows.map((row) => row.name).sort(), times: [...new Set(rows.map((row) => Number(row.times)))] }).toEqual({
        subgraph: definition.name,
        applied: definition.migrations.postgresql.map((migration) => migration.name).sort(),
        times: [1],
      });
      // one replica migrated (its log says which), the other found nothing left to do
      const migrated = cluster.services[definition.name].replicas.map((replica) => replica.lines().filter((line) => line.msg === 'applied migrations').length);
      expect({ subgraph: definition.name, migrated: migrated.sort() }).toEqual({ subgraph: definition.name, migrated: [0, 1] });
    }
  });

  it('serves a module published through one gateway from both, without a restart', async () => {
    const pids = cluster.gateway.replicas.map((replica) => replica.pid);
    for (const at of [gatewayA, gatewayB]) {
      expect(errorCodes(await cluster.request(OBJECTIVES, { at, token: acme.adminToken, variables: { q: QUARTER } }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
    const registered = await must(
      cluster.request(`mutation($uris: [String!]) { registerApp(input: { appId: "okr", name: "OKR", vendor: "Example Vendor", subgraph: "okr", redirectUris: $uris }) { secret } }`, {
        at: gatewayA,
        token: platform,
        variables: { uris: [REDIRECT] },
      }),
      'registerApp',
    );
    okrSecret = registered.registerApp.secret;
    await must(cluster.request(`mutation { installApp(appId: "okr") { status } }`, { at: gatewayA, token: acme.adminToken }), 'installApp');
    const published = await must(
      cluster.request(`mutation($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { supergraph { revision } } }`, {
        at: gatewayA,
        token: vendor,
        variables: { input: { name: 'okr', sdl: OKR_SDL, url: cluster.services.okr.url } },
      }),
      'publishSubgraph',
    );
    expect(published.publishSubgraph.supergraph.revision).toBeGreaterThan(0);
    // the registry's Redis notice, not a poll (every 10 minutes here)
    for (const at of [gatewayA, gatewayB]) {
      await waitFor(`gateway #${at.index} to serve okr`, async () => !(await cluster.request(OBJECTIVES, { at, token: acme.adminToken, variables: { q: QUARTER } })).errors, 20_000);
    }
    await must(
      cluster.request(`mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id } }`, {
        at: gatewayB,
        token: acme.adminToken,
        variables: { input: { ownerUnionId: people.bo, title: 'Ship replicas', quarter: QUARTER } },
      }),
      'createObjective',
    );
    const read = await must(cluster.request(OBJECTIVES, { at: gatewayA, token: acme.adminToken, variables: { q: QUARTER } }), 'objectives');
    expect(read.okrObjectives).toEqual({ totalCount: 1, nodes: [{ title: 'Ship replicas', owner: { displayName: 'Bo' } }] });
    expect(cluster.gateway.replicas.map((replica) => [replica.pid, replica.alive()])).toEqual(pids.map((pid) => [pid, true]));
  });

  it('applies a scope change, a revoked grant and an uninstall made through one gateway on the other at once', async () => {
    await must(
      cluster.request(`mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id } }`, {
        at: gatewayA,
        token: acme.adminToken,
        variables: { input: { ownerUnionId: people.cy, title: 'Write the runbook', quarter: QUARTER } },
      }),
      'createObjective',
    );
    const vendorSees = async (at: Replica) => (await must(cluster.request(OBJECTIVES, { at, token: vendor, variables: { q: QUARTER } }), 'vendor objectives')).okrObjectives.totalCount as number;
    // both gateways have the app's access cached (for an hour here)
    expect([await vendorSees(gatewayA), await vendorSees(gatewayB)]).toEqual([2, 2]);

    // a scope change through A: B narrows the very next request; and back through B, A widens
    await must(cluster.request(`mutation($u: ID!) { updateInstallationScope(appId: "okr", scope: { unionIds: [$u] }) { status } }`, { at: gatewayA, token: acme.adminToken, variables: { u: people.bo } }), 'scope');
    expect(await vendorSees(gatewayB)).toBe(1);
    await must(cluster.request(`mutation { updateInstallationScope(appId: "okr", scope: { wholeCorp: true }) { status } }`, { at: gatewayB, token: acme.adminToken }), 'scope');
    expect(await vendorSees(gatewayA)).toBe(2);

    // a person signs in to the app through A; the grant revoked through A is refused by B at once
    const location = await signIn(gatewayA.origin, { response_type: 'code', client_id: 'okr', redirect_uri: REDIRECT, state: 's', corp_id: 'acme' }, people.di);
    const basic = `Basic ${Buffer.from(`okr:${encodeURIComponent(okrSecret)}`).toString('base64')}`;
    const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic }, body: new URLSearchParams(fields).toString() });
    const exchanged = await fetch(`${gatewayA.origin}/oauth/token`, form({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: REDIRECT }));
    const grant = (await exchanged.json()) as { access_token: string; refresh_token: string };
    expect(exchanged.status).toBe(200);
    const me = `{ me { unionId appId } }`;
    expect((await cluster.request(me, { at: gatewayB, token: grant.access_token })).data).toEqual({ me: { unionId: people.di, appId: 'okr' } });
    const revoked = await fetch(`${gatewayA.origin}/oauth/revoke`, form({ token: grant.refresh_token, token_type_hint: 'refresh_token' }));
    expect(revoked.status).toBe(200);
    const refused = await cluster.request(me, { at: gatewayB, token: grant.access_token });
    expect({ status: refused.status, codes: errorCodes(refused) }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });

    // an uninstall through A: B refuses the module's fields and the app's token on the next request
    await must(cluster.request(`mutation { uninstallApp(appId: "okr") { status } }`, { at: gatewayA, token: acme.adminToken }), 'uninstall');
    const asAdmin = await cluster.request(OBJECTIVES, { at: gatewayB, token: acme.adminToken, variables: { q: QUARTER } });
    expect(errorCodes(asAdmin)).toEqual(['MODULE_NOT_INSTALLED']);
    const asVendor = await cluster.request(OBJECTIVES, { at: gatewayB, token: vendor, variables: { q: QUARTER } });
    expect({ status: asVendor.status, codes: errorCodes(asVendor) }).toEqual({ status: 403, codes: ['FORBIDDEN'] });
    // installed again through B: A serves it on the next request
    await must(cluster.request(`mutation { installApp(appId: "okr") { status } }`, { at: gatewayB, token: acme.adminToken }), 'install');
    expect(await vendorSees(gatewayA)).toBe(2);
  });

  it('streams a message sent through one messages replica to a client of the other', async () => {
    const [first, second] = cluster.services.messages.replicas;
    const streams = await Promise.all(
      [first, second].map(async (replica) => {
        const context = await cluster.signContext({ subject: people.bo, corpId: 'acme', role: Role.EMPLOYEE, unionId: people.bo }, 'messages');
        const stream = new Stream(`${replica.origin}/messages/stream`, { [CONTEXT_HEADER]: context });
        await stream.ready;
        return stream;
      }),
    );
    try {
      const sent: string[] = [];
      for (const replica of [second, first]) {
        const context = await cluster.signContext({ subject: acme.people[0].unionId, corpId: 'acme', role: Role.ADMIN, unionId: acme.people[0].unionId }, 'messages');
        const response = await fetch(replica.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: context },
          body: JSON.stringify({ query: `mutation($u: ID!, $t: String!) { sendMessage(input: { to: { unionIds: [$u] }, title: $t, body: "hello" }) { id } }`, variables: { u: people.bo, t: `via #${replica.index}` } }),
        });
        const answer = (await response.json()) as GraphQLResponse;
        expect(answer.errors).toBeUndefined();
        sent.push(answer.data!.sendMessage.id as string);
      }
      await waitFor('both streams to hear both messages', () => streams.every((stream) => stream.messages.length >= 2), 15_000);
      for (const stream of streams) expect(stream.messages.map((message) => message.id).sort()).toEqual([...sent].sort());
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('delivers every webhook, outbox event and module message once, with two dispatchers and two relays running', async () => {
    let seen = 0;
    // every third event is refused once: its retry must be the only one
    const receiver = startReceiver(() => seen++ % 3 === 0);
    const stream = new Stream(`${cluster.origin}/messages/stream`, { authorization: `Bearer ${tokens.cy}` });
    try {
      await stream.ready;
      await must(cluster.request(`mutation($url: String) { registerApp(input: { appId: "hooks", name: "Hooks", vendor: "Test", webhookUrl: $url }) { app { appId } } }`, { token: platform, variables: { url: await receiver.url } }), 'registerApp');
      await must(cluster.request(`mutation { installApp(appId: "hooks") { status } }`, { token: acme.adminToken }), 'install hooks');
      // directory events (two relays) become identity's webhook events (two dispatchers)
      await createDepartments(cluster, acme, [['ops', 'Ops', null], ['ops-east', 'Ops East', 'ops'], ['ops-west', 'Ops West', 'ops']]);
      for (let i = 0; i < 8; i++) await hire(cluster, acme, `Hire ${i}`, { departmentIds: ['ops'] });
      await must(cluster.request(`mutation { updateInstallationScope(appId: "hooks", scope: { departmentIds: ["ops"] }) { status } }`, { token: acme.adminToken }), 'scope hooks');
      // module messages: each log tells the author's team, from the logs replicas' outboxes
      const logs: string[] = [];
      for (let i = 0; i < 6; i++) {
        const created = await must(cluster.request(`mutation($t: String!) { createWorkLog(input: { kind: NOTE, text: $t, visibility: TEAM }) { id } }`, { token: tokens.bo, variables: { t: `note ${i}` } }), 'createWorkLog');
        logs.push(created.createWorkLog.id);
      }

      const deliveries = async () =>
        (await db.query<{ event_id: string; status: string; attempts: number }>(`select event_id, status, attempts from identity.webhook_delivery where app_id = 'hooks'`)).rows;
      await waitFor('every webhook to be delivered', async () => (await deliveries()).every((row) => row.status === 'DELIVERED'), 30_000);
      const rows = await deliveries();
      // install, 3 departments, 8 hires (each also a department member: employee.hired), the scope change
      expect(rows.length).toBeGreaterThanOrEqual(13);
      expect([...receiver.received.keys()].sort()).toEqual(rows.map((row) => row.event_id).sort());
      // attempts that never reached the receiver (a connection refused or timed out on a loaded machine) are in the dispatchers' logs
      const unreached = (event: string) =>
        cluster.services.identity.replicas.flatMap((replica) => replica.lines()).filter((line) => line.msg === 'webhook delivery failed' && line.eventId === event && !String(line.error).startsWith('The receiver answered')).length;
      for (const row of rows) {
        const got = receiver.received.get(row.event_id)!;
        expect({ event: row.event_id, ok: got.ok, attempts: got.ok + got.refused + unreached(row.event_id) }).toEqual({ event: row.event_id, ok: 1, attempts: row.attempts });
      }
      expect([...receiver.received.values()].filter((entry) => entry.refused).length).toBeGreaterThan(0);
      // every directory event was relayed into identity once (an event keeps its id)
      const relayed = await count(`select count(*) as n from directory.outbox_event o join identity.webhook_event e on e.id = o.id`);
      expect(relayed).toBe(await count(`select count(*) as n from directory.outbox_event`));
      expect(await count(`select count(*) as n from directory.outbox_event where relayed_at is null`)).toBe(0);

      // one message per log, in the inbox and on the stream
      await waitFor('the stream to hear every log', () => stream.messages.length >= logs.length, 30_000);
      for (const log of logs) expect(await count(`select count(*) as n from messages.message where idempotency_key = $1`, [`log:${log}:created`])).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(stream.messages.map((message) => message.title).sort()).toEqual(logs.map(() => 'Bo posted a note'));
      expect(await count(`select count(*) as n from logs.outbox_message where sent_at is null`)).toBe(0);
    } finally {
      stream.close();
      await receiver.stop();
    }
  });
  it('loses no accepted write when one replica of every service is SIGKILLed under load, which goes on through the others', async () => {
    const admin = acme.adminToken;
    const item = { category: 'travel', amount: '12.50', currency: 'CNY', incurredOn: '2026-11-02' };
    /** One write per service: the mutation, the id it answers, and the table that must hold it. */
    const kinds: { table: string; key: string; write: (i: number) => Promise<GraphQLResponse>; id: (data: Record<string, any>) => string }[] = [
      { table: 'identity.person', key: 'union_id', write: (i) => cluster.request(`mutation($n: String!) { addPerson(input: { displayName: $n }) { unionId } }`, { token: admin, variables: { n: `Load ${i}` } }), id: (d) => d.addPerson.unionId },
      { table: 'directory.department', key: 'id', write: (i) => cluster.request(`mutation($id: ID!, $name: String!) { createDepartment(input: { id: $id, name: $name }) { id } }`, { token: admin, variables: { id: `load-${i}`, name: `Load ${i}` } }), id: (d) => d.createDepartment.id },
      { table: 'attendance.check_in', key: 'id', write: (i) => cluster.request(`mutation($k: String!) { checkIn(input: { type: FIELD, note: "load", idempotencyKey: $k }) { id } }`, { token: tokens.cy, variables: { k: `load-${i}` } }), id: (d) => d.checkIn.id },
      { table: 'expenses.expense_claim', key: 'id', write: (i) => cluster.request(`mutation($input: ClaimInput!) { createExpenseClaim(input: $input) { id } }`, { token: tokens.bo, variables: { input: { title: `Load ${i}`, items: [item] } } }), id: (d) => d.createExpenseClaim.id },
      { table: 'logs.work_log', key: 'id', write: (i) => cluster.request(`mutation($t: String!) { createWorkLog(input: { kind: NOTE, text: $t, visibility: TEAM }) { id } }`, { token: tokens.di, variables: { t: `load ${i}` } }), id: (d) => d.createWorkLog.id },
      { table: 'messages.message', key: 'id', write: (i) => cluster.request(`mutation($u: ID!, $t: String!) { sendMessage(input: { to: { unionIds: [$u] }, title: $t, body: "load" }) { id } }`, { token: admin, variables: { u: people.cy, t: `load ${i}` } }), id: (d) => d.sendMessage.id },
      { table: 'okr.objective', key: 'id', write: (i) => cluster.request(`mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id } }`, { token: admin, variables: { input: { ownerUnionId: people.bo, title: `Load ${i}`, quarter: QUARTER } } }), id: (d) => d.createObjective.id },
    ];
    const total = kinds.length * 30;
    const workers = 6;
    interface Attempt { kind: number; started: number; ended: number; id?: string; error?: string }
    const attempts: Attempt[] = [];
    let next = 0;
    let killedAt = 0;
    const killed: Promise<void>[] = [];
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const attempt: Attempt = { kind: i % kinds.length, started: Date.now(), ended: 0 };
        attempts.push(attempt);
        try {
          const answer = await kinds[attempt.kind].write(i);
          if (answer.errors?.length || !answer.data) attempt.error = `HTTP ${answer.status} ${errorCodes(answer).join(',')}: ${answer.errors?.[0]?.message ?? 'no data'}`;
          else attempt.id = kinds[attempt.kind].id(answer.data);
        } catch (error) {
          attempt.error = `${(error as Error).message}: ${((error as Error).cause as Error | undefined)?.message ?? ''}`;
        }
        attempt.ended = Date.now();
        // a third of the way in: one replica of every service, gateway included, dies without a word
        if (!killedAt && attempts.filter((a) => a.ended).length >= total / 3) {
          killedAt = Date.now();
          for (const service of [cluster.gateway, ...Object.values(cluster.services)]) killed.push(service.replicas[0].kill('SIGKILL'));
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    await Promise.all(killed);

    const failed = attempts.filter((attempt) => attempt.error);
    const after = attempts.filter((attempt) => attempt.started > killedAt);
    console.log(
      [
        `load: ${attempts.length} writes by ${workers} clients, replica #0 of ${1 + Object.keys(cluster.services).length} services SIGKILLed after ${attempts.filter((a) => a.ended && a.ended <= killedAt).length}`,
        `  answered OK: ${attempts.length - failed.length}; failed: ${failed.length} (in flight at the kill: ${failed.filter((a) => a.started <= killedAt).length})`,
        ...failed.map((a) => `  - ${kinds[a.kind].table}, started ${a.started - killedAt} ms from the kill, ${a.ended - a.started} ms: ${a.error}`),
      ].join('\n'),
    );
    // every accepted write is there
    for (const [index, kind] of kinds.entries()) {
      const ids = attempts.filter((attempt) => attempt.kind === index && attempt.id).map((attempt) => attempt.id!);
      const [schema, table] = kind.table.split('.');
      const stored = await count(`select count(*) as n from "${schema}"."${table}" where corp_id = 'acme' and "${kind.key}" = any($1)`, [ids]);
      expect({ table: kind.table, stored }).toEqual({ table: kind.table, stored: ids.length });
    }
    // only requests in flight when the replicas died failed, or, just after, a request sent on a kept-alive
    // connection the kill had closed (at most one per client): a connection error, never a refusal
    const late = failed.filter((attempt) => attempt.started > killedAt);
    expect(late.length).toBeLessThanOrEqual(workers);
    for (const attempt of late) expect({ soon: attempt.started - killedAt < 5_000, error: attempt.error }).toEqual({ soon: true, error: expect.stringMatching(/^fetch failed|SUBGRAPH_UNAVAILABLE/) });
    // and the load went on through the surviving replicas
    expect(after.length).toBeGreaterThan(total / 2);
    expect(after.filter((attempt) => attempt.started > killedAt + 5_000).every((attempt) => attempt.id)).toBe(true);
  });
});
