import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { identity, verifyWebhook, WebhookDelivery, WebhookDeliveryStatus, WebhookEvent } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { OutboxEvent } from '@corphub/directory';
import { setEnvironment } from '@corphub/module-kit/testing';
import { Webhook } from 'standardwebhooks';

interface Received {
  id: string;
  type: string;
  corpId: string;
  appId: string;
  data: Record<string, unknown>;
  /** Our verifyWebhook and the official Standard Webhooks library both accept it. */
  signed: boolean;
  status: number;
  headers: http.IncomingHttpHeaders;
}

const ENV = {
  CORPHUB_WEBHOOK_POLL_MS: '100',
  CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS: '400,800',
  CORPHUB_WEBHOOK_MAX_ATTEMPTS: '3',
  CORPHUB_OUTBOX_POLL_MS: '100',
  // pruning looks every 200 ms, two rows per statement: a backlog takes several rounds
  CORPHUB_RETENTION_PRUNE_INTERVAL_MS: '200',
  CORPHUB_RETENTION_PRUNE_BATCH: '2',
};

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What a receiver using the official `standardwebhooks` package does with a delivery. */
function standardVerifies(secret: string, body: string, headers: http.IncomingHttpHeaders): boolean {
  try {
    new Webhook(secret).verify(body, headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

describe('webhooks for vendors', () => {
  let hub: TestHub;
  let receiver: http.Server;
  let receiverUrl: string;
  let acme: SeededCorp;
  let beta: SeededCorp;
  let secret: string;
  const received: Received[] = [];
  /** Deliveries to the receiver's always-failing path: event id and arrival time. */
  const refused: { id: string; type: string; at: number }[] = [];
  /** Event types whose first attempt the receiver answers with 500. */
  const failFirst = new Set<string>();
  let restoreEnvironment = () => {};

  const hire = (corp: SeededCorp, unionId: string, displayName: string) =>
    hub.request(`mutation($u: ID!, $n: String!) { hireEmployee(input: { unionId: $u, displayName: $n }) { unionId } }`, { token: corp.adminToken, variables: { u: unionId, n: displayName } });
  const deliveries = (token: string, appId = 'hooks-app') =>
    hub.request(`query($app: ID) { webhookDeliveries(appId: $app, first: 50) { nodes { eventId eventType appId status attempts lastStatusCode nextAttemptAt deliveredAt app { name } } } }`, {
      token,
      variables: { app: appId },
    });

  beforeAll(async () => {
    restoreEnvironment = setEnvironment(ENV);
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const event = JSON.parse(body) as Omit<Received, 'signed' | 'status' | 'headers'>;
        if (req.url === '/broken') {
          refused.push({ id: event.id, type: event.type, at: Date.now() });
          res.writeHead(503).end();
          return;
        }
        const first = !received.some((seen) => seen.id === event.id);
        const status = first && failFirst.has(event.type) ? 500 : 200;
        received.push({ ...event, signed: verifyWebhook(secret, body, req.headers) && standardVerifies(secret, body, req.headers), status, headers: req.headers });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

    hub = await startTestHub({ subgraphs: [identity, directory], label: 'webhooks' });
    acme = await seedCorp(hub, 'acme', ['Ada Admin', 'Bo Li', 'Cy Wu']);
    beta = await seedCorp(hub, 'beta', ['Di Beta']);
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    const registered = await hub.request(`mutation($url: String) { registerApp(input: { appId: "hooks-app", name: "Hooks", vendor: "V", webhookUrl: $url }) { webhookSecret app { webhookUrl } } }`, {
      token: platform,
      variables: { url: receiverUrl },
    });
    expect(registered.data!.registerApp).toEqual({ webhookSecret: expect.stringMatching(/^whsec_/), app: { webhookUrl: receiverUrl } });
    secret = registered.data!.registerApp.webhookSecret;
    await hub.request(`mutation { registerApp(input: { appId: "quiet-app", name: "Quiet", vendor: "V" }) { secret } }`, { token: platform });
    for (const appId of ['hooks-app', 'quiet-app']) {
      const installed = await hub.request(`mutation($id: ID!) { installApp(appId: $id) { status } }`, { token: acme.adminToken, variables: { id: appId } });
      expect(installed.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await hub?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    restoreEnvironment();
  });

  it('sends the install to the app with exactly the Standard Webhooks headers, signed so that the official library verifies it', async () => {
    const installed = await eventually(() => received.find((event) => event.type === 'app.installed' && event.data.appId === 'hooks-app'), 'app.installed');
    expect(installed).toEqual({
      id: expect.any(String),
      type: 'app.installed',
      corpId: 'acme',
      appId: 'hooks-app',
      data: { appId: 'hooks-app' },
      occurredAt: expect.any(String),
      signed: true,
      status: 200,
      headers: expect.any(Object),
    });
    const { headers } = installed;
    expect(Object.keys(headers).filter((name) => /^(webhook|corphub)-/.test(name)).sort()).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp']);
    expect(headers['webhook-id']).toBe(installed.id);
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    // the key is the secret's base64 decoded: signed with the whole string, the library refuses it
    const body = JSON.stringify({ id: installed.id, type: installed.type, corpId: installed.corpId, appId: installed.appId, occurredAt: (installed as unknown as { occurredAt: string }).occurredAt, data: installed.data });
    expect(standardVerifies(secret, body, headers)).toBe(true);
    expect(standardVerifies(secret, body.replace('hooks-app', 'other-app'), headers)).toBe(false);
    // quiet-app's install is an event of the corp too, and hooks-app (installed) hears of it
    await eventually(() => received.find((event) => event.type === 'app.installed' && event.data.appId === 'quiet-app'), 'quiet-app installed');
  });

  it("relays the directory's hire, retries it after a 500 under the same id, and logs both attempts", async () => {
    failFirst.add('employee.hired');
    const bo = acme.people[1].unionId;
    expect((await hire(acme, bo, 'Bo Li')).errors).toBeUndefined();
    const attempts = await eventually(() => {
      const seen = received.filter((event) => event.type === 'employee.hired' && event.data.unionId === bo);
      return seen.length >= 2 ? seen : undefined;
    }, 'the retry of employee.hired');
    expect(attempts.map(({ status, signed }) => ({ status, signed }))).toEqual([{ status: 500, signed: true }, { status: 200, signed: true }]);
    expect(attempts[1].id).toBe(attempts[0].id);
    expect(attempts[0]).toMatchObject({ corpId: 'acme', appId: 'hooks-app', data: { unionId: bo, status: 'ACTIVE' } });

    const log = await eventually(async () => {
      const response = await deliveries(acme.adminToken);
      const row = response.data?.webhookDeliveries.nodes.find((node: { eventId: string }) => node.eventId === attempts[0].id);
      return row?.status === 'DELIVERED' ? row : undefined;
    }, 'the delivery log');
    expect(log).toEqual({ eventId: attempts[0].id, eventType: 'employee.hired', appId: 'hooks-app', status: 'DELIVERED', attempts: 2, lastStatusCode: 200, nextAttemptAt: null, deliveredAt: expect.any(String), app: { name: 'Hooks' } });
    // a refused change writes no event: hiring Bo again is a CONFLICT, and no second employee.hired follows
    const again = await hire(acme, bo, 'Bo Li');
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    await hub.request(`mutation { createDepartment(input: { id: "after-conflict", name: "After" }) { id } }`, { token: acme.adminToken });
    await eventually(() => received.find((event) => event.data.departmentId === 'after-conflict'), 'the later acme event');
    // exactly two attempts of the one event: none after the success, no second event
    expect(received.filter((event) => event.type === 'employee.hired' && event.data.unionId === bo).map((event) => event.id)).toEqual([attempts[0].id, attempts[0].id]);
  });

  it('sends offboarding and department changes', async () => {
    const cy = acme.people[2].unionId;
    await hire(acme, cy, 'Cy Wu');
    const offboarded = await hub.request(`mutation($u: ID!) { offboardEmployee(unionId: $u) { status } }`, { token: acme.adminToken, variables: { u: cy } });
    expect(offboarded.errors).toBeUndefined();
    const created = await hub.request(`mutation { createDepartment(input: { id: "okr-team", name: "OKR team" }) { id } }`, { token: acme.adminToken });
    expect(created.errors).toBeUndefined();
    await hub.request(`mutation { updateDepartment(id: "okr-team", input: { name: "Goals team" }) { id } }`, { token: acme.adminToken });
    await eventually(() => received.find((event) => event.type === 'employee.offboarded' && event.data.unionId === cy), 'employee.offboarded');
    expect(received.find((event) => event.type === 'employee.offboarded')!.data).toEqual({ unionId: cy, status: 'LEFT' });
    await eventually(() => received.find((event) => event.type === 'department.created' && event.data.departmentId === 'okr-team'), 'department.created');
    await eventually(() => received.find((event) => event.type === 'department.changed' && event.data.departmentId === 'okr-team'), 'department.changed');
  });

  it('sends employee.changed when a tag is put on or taken off, and nothing when the tag set stays the same', async () => {
    const bo = acme.people[1].unionId;
    expect((await hub.request(`mutation { createTag(input: { name: "okr-pilot" }) { name } }`, { token: acme.adminToken })).errors).toBeUndefined();
    const tagChanges = () => received.filter((event) => event.type === 'employee.changed' && event.data.unionId === bo && event.status === 200);
    const before = tagChanges().length;
    const tag = (mutation: 'assignTag' | 'unassignTag') =>
      hub.request(`mutation($u: ID!) { ${mutation}(unionId: $u, tag: "okr-pilot") { tags { name } } }`, { token: acme.adminToken, variables: { u: bo } });
    expect((await tag('assignTag')).data).toEqual({ assignTag: { tags: [{ name: 'okr-pilot' }] } });
    await eventually(() => (tagChanges().length === before + 1 ? true : undefined), 'employee.changed for the new tag');
    // already there: nothing changed, no event
    expect((await tag('assignTag')).errors).toBeUndefined();
    expect((await tag('unassignTag')).data).toEqual({ unassignTag: { tags: [] } });
    await eventually(() => (tagChanges().length === before + 2 ? true : undefined), 'employee.changed for the removed tag');
    expect((await tag('unassignTag')).errors).toBeUndefined();
    await hub.request(`mutation { createDepartment(input: { id: "after-tags", name: "After" }) { id } }`, { token: acme.adminToken });
    await eventually(() => received.find((event) => event.data.departmentId === 'after-tags'), 'the later acme event');
    expect(tagChanges()).toHaveLength(before + 2);
    expect(tagChanges().at(-1)).toMatchObject({ corpId: 'acme', appId: 'hooks-app', data: { unionId: bo, status: 'ACTIVE' }, signed: true });
  });

  it("sends installation.scope_changed when an installed app's scope changes", async () => {
    const changed = await hub.request(`mutation { updateInstallationScope(appId: "hooks-app", scope: { tags: ["okr-pilot"] }) { id } }`, { token: acme.adminToken });
    expect(changed.errors).toBeUndefined();
    const event = await eventually(() => received.find((seen) => seen.type === 'installation.scope_changed'), 'installation.scope_changed');
    expect(event).toMatchObject({ corpId: 'acme', appId: 'hooks-app', data: { appId: 'hooks-app' }, signed: true, status: 200 });
    expect((await hub.request(`mutation { updateInstallationScope(appId: "hooks-app", scope: { wholeCorp: true }) { id } }`, { token: acme.adminToken })).errors).toBeUndefined();
  });

  it('records one event once, however often it is published', async () => {
    const service = await hub.token({ corp: 'acme', role: Role.SERVICE });
    const id = randomUUID();
    const publish = `mutation($events: [PublishEventInput!]!) { publishEvents(events: $events) }`;
    const event = { id, type: 'department.deleted', occurredAt: new Date().toISOString(), data: JSON.stringify({ departmentId: 'gone' }) };
    expect((await hub.request(publish, { token: service, variables: { events: [event] } })).data).toEqual({ publishEvents: 1 });
    expect((await hub.request(publish, { token: service, variables: { events: [event, event] } })).data).toEqual({ publishEvents: 0 });
    await eventually(() => received.find((seen) => seen.id === id), 'the published event');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(received.filter((seen) => seen.id === id)).toHaveLength(1);
    const bad = await hub.request(publish, { token: service, variables: { events: [{ ...event, id: randomUUID(), type: 'app.installed' }] } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const admin = await hub.request(publish, { token: acme.adminToken, variables: { events: [{ ...event, id: randomUUID() }] } });
    expect(admin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('sends nothing for a corp that did not install the app', async () => {
    expect((await hire(beta, beta.people[0].unionId, 'Di Beta')).errors).toBeUndefined();
    const created = await hub.request(`mutation { createDepartment(input: { id: "beta-dept", name: "Beta" }) { id } }`, { token: beta.adminToken });
    expect(created.errors).toBeUndefined();
    // a later acme event arriving proves the relay and dispatcher ran past beta's events
    await hub.request(`mutation { createDepartment(input: { id: "after-beta", name: "After" }) { id } }`, { token: acme.adminToken });
    await eventually(() => received.find((event) => event.data.departmentId === 'after-beta'), 'the later acme event');
    expect(received.filter((event) => event.corpId === 'beta')).toEqual([]);
    expect((await deliveries(beta.adminToken)).data).toEqual({ webhookDeliveries: { nodes: [] } });
  });

  it('shows the delivery log to the corp admin, the app itself and the platform only', async () => {
    const log = await deliveries(acme.adminToken);
    expect(log.data!.webhookDeliveries.nodes.length).toBeGreaterThan(3);
    const ids = (response: Awaited<ReturnType<typeof deliveries>>) => response.data!.webhookDeliveries.nodes.map((node: { eventId: string }) => node.eventId);
    // the app's own client-credentials token, and the platform (across corps), see the same rows
    const app = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'hooks-app' });
    expect(ids(await deliveries(app))).toEqual(ids(log));
    expect(ids(await hub.request(`{ webhookDeliveries(first: 50) { nodes { eventId } } }`, { token: app }))).toEqual(ids(log));
    expect(ids(await deliveries(await hub.token({ corp: 'platform', role: Role.PLATFORM })))).toEqual(ids(log));
    for (const token of [
      await hub.token({ corp: 'acme', role: Role.EMPLOYEE, union: acme.people[1].unionId }),
      await hub.token({ corp: 'acme', role: Role.ANALYST }),
      // a person signed in to the app acts for that person, not as the app; another app sees its own only
      await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'hooks-app', union: acme.people[1].unionId }),
      await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'quiet-app' }),
    ]) {
      const refused = await deliveries(token);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('redelivers a delivery under the same webhook-id, to those who may see it; a repeated call sends it once more at most', async () => {
    const redeliver = (token: string, id: string) =>
      hub.request(`mutation($id: ID!) { redeliverWebhook(id: $id) { id eventId status nextAttemptAt } }`, { token, variables: { id } });
    const log = await hub.request(`{ webhookDeliveries(appId: "hooks-app", status: DELIVERED, first: 1) { nodes { id eventId attempts } } }`, { token: acme.adminToken });
    const [delivered] = log.data!.webhookDeliveries.nodes as { id: string; eventId: string; attempts: number }[];
    const arrivals = () => received.filter((event) => event.id === delivered.eventId);
    const before = arrivals().length;

    const app = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'hooks-app' });
    const first = await redeliver(app, delivered.id);
    expect(first.data).toEqual({ redeliverWebhook: { id: delivered.id, eventId: delivered.eventId, status: 'PENDING', nextAttemptAt: expect.any(String) } });
    expect((await redeliver(acme.adminToken, delivered.id)).errors).toBeUndefined();
    await eventually(() => (arrivals().length > before ? true : undefined), 'the redelivery');
    await eventually(async () => {
      const response = await hub.request(`query($app: ID) { webhookDeliveries(appId: $app, first: 50) { nodes { id status } } }`, { token: acme.adminToken, variables: { app: 'hooks-app' } });
      return response.data!.webhookDeliveries.nodes.find((node: { id: string; status: string }) => node.id === delivered.id && node.status === 'DELIVERED');
    }, 'the redelivery to settle');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = arrivals().slice(before);
    // the two calls landed before one dispatch (one send) or straddled it (two): never more
    expect(again.length === 1 || again.length === 2).toBe(true);
    for (const event of again) expect(event).toMatchObject({ id: delivered.eventId, signed: true, status: 200, headers: expect.objectContaining({ 'webhook-id': delivered.eventId }) });

    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    expect((await redeliver(platform, delivered.id)).errors).toBeUndefined();
    for (const [token, code] of [
      [beta.adminToken, 'NOT_FOUND'],
      [await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'quiet-app' }), 'NOT_FOUND'],
      [await hub.token({ corp: 'acme', role: Role.EMPLOYEE, union: acme.people[1].unionId }), 'FORBIDDEN'],
    ] as const) {
      expect((await redeliver(token, delivered.id)).errors?.[0].extensions?.code).toBe(code);
    }
  });

  it('reads the delivery log with as many statements for 50 rows as for 1, while the background loops run', async () => {
    const page = (first: number) => `{ webhookDeliveries(first: ${first}) { nodes { eventId eventType status app { name vendor } } } }`;
    const statements = async (first: number) => {
      const counts = await hub.queries.during(async () => {
        const response = await hub.request(page(first), { token: acme.adminToken });
        expect(response.data!.webhookDeliveries.nodes.length).toBe(Math.min(first, response.data!.webhookDeliveries.nodes.length));
      });
      return counts.identity;
    };
    const one = await statements(1);
    expect(one).toBeGreaterThan(0);
    for (let round = 0; round < 3; round++) expect(await statements(50)).toBe(one);
  });

  it('retries with growing delays and marks a delivery FAILED after the last attempt', async () => {
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    const url = receiverUrl.replace(/\/hooks$/, '/broken');
    await hub.request(`mutation($url: String) { registerApp(input: { appId: "broken-app", name: "Broken", vendor: "V", webhookUrl: $url }) { webhookSecret } }`, { token: platform, variables: { url } });
    await hub.request(`mutation { installApp(appId: "broken-app") { status } }`, { token: acme.adminToken });
    const failed = await eventually(async () => {
      const response = await deliveries(acme.adminToken, 'broken-app');
      const row = response.data?.webhookDeliveries.nodes.find((node: { eventType: string }) => node.eventType === 'app.installed');
      return row?.status === 'FAILED' ? row : undefined;
    }, 'the delivery to fail for good');
    expect(failed).toMatchObject({ appId: 'broken-app', status: 'FAILED', attempts: 3, lastStatusCode: 503, nextAttemptAt: null, deliveredAt: null });
    const tries = refused.filter((attempt) => attempt.id === failed.eventId);
    expect(tries).toHaveLength(3);
    // a schedule of 400 ms, then 800 ms, each shortened by at most 10 % of jitter
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(350);
    expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(710);
    await hub.request(`mutation { uninstallApp(appId: "broken-app") { status } }`, { token: acme.adminToken });
  });

  it('tells the app of its uninstall, then sends it nothing more', async () => {
    const uninstalled = await hub.request(`mutation { uninstallApp(appId: "hooks-app") { status } }`, { token: acme.adminToken });
    expect(uninstalled.data).toEqual({ uninstallApp: { status: 'UNINSTALLED' } });
    await eventually(() => received.find((event) => event.type === 'app.uninstalled' && event.data.appId === 'hooks-app'), 'app.uninstalled');
    await hub.request(`mutation { createDepartment(input: { id: "after-uninstall", name: "After" }) { id } }`, { token: acme.adminToken });
    // the directory relays the event to identity, which then has no app to deliver it to
    const directoryDb = hub.subgraphs.directory.orm.em.fork();
    await eventually(async () => {
      const rows = await directoryDb.find(OutboxEvent, { type: 'department.created' }, { filters: false, refresh: true });
      return rows.find((row) => row.data.departmentId === 'after-uninstall' && row.relayedAt) ?? undefined;
    }, 'the relay of the directory event');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(received.filter((event) => event.data.departmentId === 'after-uninstall')).toEqual([]);
  });

  it('prunes settled deliveries, events left without deliveries and relayed outbox rows after the retention period, in batches', async () => {
    const old = new Date(Date.now() - 31 * 86_400_000);
    const identityDb = hub.subgraphs.identity.orm.em.fork();
    const directoryDb = hub.subgraphs.directory.orm.em.fork();
    const settled = await identityDb.find(WebhookDelivery, { status: { $ne: WebhookDeliveryStatus.PENDING } }, { filters: false, orderBy: { createdAt: 'asc' } });
    expect(settled.length).toBeGreaterThan(5);
    const recent = settled.at(-1)!;
    // an old delivery still PENDING (a receiver down for a month, say) is kept, and so is its event
    identityDb.setFilterParams('corp', { corpId: 'acme' });
    const stuckEvent = new WebhookEvent('department.deleted', { departmentId: 'stuck' });
    const stuck = new WebhookDelivery(identityDb.getReference(WebhookEvent, stuckEvent.id, { wrapped: true }), 'department.deleted', 'hooks-app');
    stuck.nextAttemptAt = new Date(Date.now() + 3_600_000);
    await identityDb.persist([stuckEvent, stuck]).flush();
    await identityDb.nativeUpdate(WebhookDelivery, { id: { $ne: recent.id } }, { createdAt: old }, { filters: false });
    await identityDb.nativeUpdate(WebhookEvent, {}, { occurredAt: old }, { filters: false });
    const relayed = await directoryDb.find(OutboxEvent, { relayedAt: { $ne: null } }, { filters: false, orderBy: { occurredAt: 'asc' } });
    expect(relayed.length).toBeGreaterThan(5);
    const keptOutbox = relayed.at(-1)!;
    await directoryDb.nativeUpdate(OutboxEvent, { id: { $ne: keptOutbox.id } }, { relayedAt: old }, { filters: false });

    const left = async () => ({
      deliveries: (await identityDb.find(WebhookDelivery, {}, { filters: false, refresh: true })).map((row) => row.id).sort(),
      events: (await identityDb.find(WebhookEvent, {}, { filters: false, refresh: true })).map((row) => row.id).sort(),
      outbox: (await directoryDb.find(OutboxEvent, {}, { filters: false, refresh: true })).map((row) => row.id),
    });
    const expected = { deliveries: [recent.id, stuck.id].sort(), events: [recent.event.id, stuckEvent.id].sort(), outbox: [keptOutbox.id] };
    await eventually(async () => {
      const now = await left();
      return JSON.stringify(now) === JSON.stringify(expected) ? now : undefined;
    }, 'the pruning');
    const log = await hub.request(`{ webhookDeliveries(first: 50) { nodes { eventId status } } }`, { token: acme.adminToken });
    expect(log.data!.webhookDeliveries.nodes.map((node: { eventId: string }) => node.eventId).sort()).toEqual(expected.events);
  });

  it('refuses a webhook URL that is not an http(s) URL, and rotates the secret on request', async () => {
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    const bad = await hub.request(`mutation { updateApp(appId: "hooks-app", input: { webhookUrl: "ftp://x" }) { webhookSecret } }`, { token: platform });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const rotated = await hub.request(`mutation { updateApp(appId: "hooks-app", input: { rotateWebhookSecret: true }) { webhookSecret } }`, { token: platform });
    expect(rotated.data!.updateApp.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.data!.updateApp.webhookSecret).not.toBe(secret);
    const plain = await hub.request(`mutation { updateApp(appId: "hooks-app", input: { name: "Hooks 2" }) { webhookSecret app { name } } }`, { token: platform });
    expect(plain.data).toEqual({ updateApp: { webhookSecret: null, app: { name: 'Hooks 2' } } });
  });
});
