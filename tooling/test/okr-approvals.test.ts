import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { MikroORM } from '@mikro-orm/core';
import { DEV_CONTEXT_PUBLIC_KEY, initOrm, readSecurityConfig, Role, scopeToCorp, type RunningServer } from '@corphub/module-kit';
import { errorCodes, setEnvironment, waitFor, type GraphQLResponse } from '@corphub/module-kit/testing';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { messagesSubgraph } from '@corphub/messages';
import { approvals } from '@corphub/approvals';
import { Objective, ObjectiveStatus, okr } from '@example/okr';
import { hire, seedCorp, startTestHub, type TestHub } from '../src/testing';

jest.setTimeout(300_000);

const SDL = fs.readFileSync(path.join(path.dirname(require.resolve('@example/okr/package.json')), 'schema.graphql'), 'utf8');
const QUARTER = '2026-Q4';
const OBJECTIVE = /* GraphQL */ `id title status version approvalId publishedAt decisionComment`;

async function must<T = Record<string, any>>(response: Promise<GraphQLResponse<T>>, what: string): Promise<T> {
  const answer = await response;
  if (answer.errors) throw new Error(`${what}: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a vendor module asks the hub for approval: the OKR module publishes objectives with the manager’s approval', () => {
  let hub: TestHub;
  let orm: MikroORM;
  let server: RunningServer;
  let appSecret: string;
  let webhookSecret: string;
  let webhookUrl: string;
  let platform: string;
  const tokens = {} as Record<'omar' | 'mia' | 'tess' | 'adminA' | 'ben' | 'adminB', string>;
  let ids: Record<'omar' | 'mia' | 'tess' | 'ben', string>;
  let restoreEnvironment = () => {};
  const security = readSecurityConfig({ CORPHUB_CONTEXT_PUBLIC_KEY: DEV_CONTEXT_PUBLIC_KEY }, 'vendor');

  const startOkr = (port: number, secrets: { appSecret: string; webhookSecret?: string }) =>
    okr.createServer({ orm, port, host: '127.0.0.1', security, gatewayUrl: () => hub.url, ...secrets });
  const publishModule = async (url: string, revision: number) => {
    const vendor = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'okr' });
    await must(hub.request(`mutation($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { __typename } }`, { token: vendor, variables: { input: { name: 'okr', sdl: SDL, url } } }), 'publishSubgraph');
    await waitFor(`the gateway to load revision ${revision}`, () => hub.supergraph.revision() === revision);
  };

  const create = async (token: string, title: string): Promise<string> =>
    (await must(hub.request(`mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id } }`, { token, variables: { input: { title, quarter: QUARTER } } }), 'createObjective')).createObjective.id;
  const publish = (token: string, id: string, version: number) =>
    hub.request(`mutation($id: ID!, $v: Int!) { publishObjective(id: $id, version: $v) { ${OBJECTIVE} } }`, { token, variables: { id, v: version } });
  const read = async (id: string, token = tokens.adminA) => (await must(hub.request(`query($id: ID!) { okrObjective(id: $id) { ${OBJECTIVE} } }`, { token, variables: { id } }), 'okrObjective')).okrObjective;
  const inbox = async (token: string) =>
    (await must(hub.request(`{ me { pendingApprovals(first: 50) { nodes { id appId subjectType subjectId title status okrObjective { id title status } } } } }`, { token }), 'inbox')).me.pendingApprovals.nodes as { id: string; subjectId: string }[];
  const decide = async (token: string, id: string, decision: string, comment?: string) => {
    const { version } = (await must(hub.request(`query($id: ID!) { approvalRequest(id: $id) { version } }`, { token, variables: { id } }), 'approvalRequest')).approvalRequest;
    return must(hub.request(`mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { status } }`, { token, variables: { input: { id, version, decision, comment } } }), 'decideApproval');
  };
  const statusBecomes = (id: string, status: ObjectiveStatus) => waitFor(`objective ${id} to be ${status}`, async () => (await read(id)).status === status, 20_000);
  /** POSTs a delivery to the module's webhook route, signed with `secret` as the hub signs. */
  const deliver = (event: Record<string, unknown>, secret = webhookSecret, url = webhookUrl) => {
    const body = JSON.stringify(event);
    const id = String(event.id);
    const at = new Date();
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, body) },
      body,
    });
  };
  const decided = (corpId: string, data: Record<string, unknown>) => ({ id: `evt-${Math.random()}`, type: 'approval.decided', corpId, appId: 'okr', occurredAt: new Date().toISOString(), data: { appId: 'okr', subjectType: 'Objective', ...data } });

  beforeAll(async () => {
    // the hub's dispatcher, the approvals outbox and the module's poller look every 100 ms
    restoreEnvironment = setEnvironment({ CORPHUB_WEBHOOK_POLL_MS: '100', CORPHUB_OUTBOX_POLL_MS: '100', CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS: '300' });
    hub = await startTestHub({ label: 'okr_approvals', subgraphs: [identity, directory, messagesSubgraph({}), approvals], gateway: { registryPollMs: 250 } });
    // the module is its own process in production (npm run example:okr): here its own server and database
    orm = await initOrm({ database: hub.database.targetFor('okr'), entities: okr.entities, migrations: okr.migrations });
    const port = await freePort();
    webhookUrl = `http://127.0.0.1:${port}/webhooks`;
    platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    const registered = await must(
      hub.request(`mutation($url: String) { registerApp(input: { appId: "okr", name: "OKR", vendor: "Example Vendor", webhookUrl: $url }) { secret webhookSecret } }`, { token: platform, variables: { url: webhookUrl } }),
      'registerApp',
    );
    ({ secret: appSecret, webhookSecret } = registered.registerApp);
    server = await startOkr(port, { appSecret, webhookSecret });
    await publishModule(server.url, 1);

    const acme = await seedCorp(hub, 'acme');
    const beta = await seedCorp(hub, 'beta');
    const tess = await hire(hub, acme, 'Tess Top');
    const mia = await hire(hub, acme, 'Mia Manager', { managerUnionId: tess });
    const omar = await hire(hub, acme, 'Omar Owner', { managerUnionId: mia });
    const bea = await hire(hub, beta, 'Bea Boss');
    const ben = await hire(hub, beta, 'Ben Beta', { managerUnionId: bea });
    ids = { omar, mia, tess, ben };
    for (const corp of [acme, beta]) await must(hub.request(`mutation { installApp(appId: "okr") { status } }`, { token: corp.adminToken }), 'installApp');
    const employee = (corp: string, union: string) => hub.token({ corp, role: Role.EMPLOYEE, union });
    Object.assign(tokens, { omar: await employee('acme', omar), mia: await employee('acme', mia), tess: await employee('acme', tess), adminA: acme.adminToken, ben: await employee('beta', ben), adminB: beta.adminToken });
  });

  afterAll(async () => {
    await server?.stop();
    await orm?.close();
    await hub?.stop();
    restoreEnvironment();
  });

  it('the owner asks, the manager finds it in their inbox and approves it: PUBLISHED, through the webhook', async () => {
    const id = await create(tokens.omar, 'Ship the vendor platform');
    const asked = await publish(tokens.omar, id, 1);
    expect(asked.errors).toBeUndefined();
    const { approvalId } = asked.data!.publishObjective;
    expect(asked.data!.publishObjective).toEqual({ id, title: 'Ship the vendor platform', status: 'PUBLISH_PENDING', version: 2, approvalId: expect.any(String), publishedAt: null, decisionComment: null });
    expect(await inbox(tokens.mia)).toContainEqual({ id: approvalId, appId: 'okr', subjectType: 'Objective', subjectId: id, title: 'Publish "Ship the vendor platform" to the whole corp', status: 'PENDING',
      // the subject, resolved in this module through federation (@requires)
      okrObjective: { id, title: 'Ship the vendor platform', status: 'PUBLISH_PENDING' },
    });
    expect((await inbox(tokens.tess)).map((request) => request.id)).not.toContain(approvalId);

    expect(await decide(tokens.mia, approvalId, 'APPROVE')).toEqual({ decideApproval: { status: 'APPROVED' } });
    await statusBecomes(id, ObjectiveStatus.PUBLISHED);
    expect(await read(id)).toEqual({ id, title: 'Ship the vendor platform', status: 'PUBLISHED', version: 3, approvalId, publishedAt: expect.any(String), decisionComment: null });
    // this server has a webhook secret, so it polls nothing: the outcome came as `approval.decided`, answered 204
    const deliveries = await must(hub.request(`{ webhookDeliveries(appId: "okr", first: 50) { nodes { eventType status lastStatusCode } } }`, { token: tokens.adminA }), 'webhookDeliveries');
    expect(deliveries.webhookDeliveries.nodes).toContainEqual({ eventType: 'approval.decided', status: 'DELIVERED', lastStatusCode: 204 });

    // published is final here: asking again is CONFLICT
    const again = await publish(tokens.omar, id, 3);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].extensions).toMatchObject({ currentStatus: 'PUBLISHED' });
  });

  it('a rejection makes it PRIVATE again with the approver’s reason, and it may be asked again', async () => {
    const id = await create(tokens.omar, 'Rewrite everything');
    const { approvalId } = (await must(publish(tokens.omar, id, 1), 'publish')).publishObjective;
    await decide(tokens.mia, approvalId, 'REJECT', 'Too vague: say what done looks like');
    await statusBecomes(id, ObjectiveStatus.PRIVATE);
    expect(await read(id)).toEqual({ id, title: 'Rewrite everything', status: 'PRIVATE', version: 3, approvalId, publishedAt: null, decisionComment: 'Too vague: say what done looks like' });

    const second = (await must(publish(tokens.omar, id, 3), 'publish again')).publishObjective;
    expect(second).toMatchObject({ status: 'PUBLISH_PENDING', version: 4, decisionComment: null });
    expect(second.approvalId).not.toBe(approvalId);
    await decide(tokens.mia, second.approvalId, 'SEND_BACK', 'Add a key result first');
    await statusBecomes(id, ObjectiveStatus.PRIVATE);
    expect(await read(id)).toMatchObject({ version: 5, approvalId: second.approvalId, decisionComment: 'Add a key result first' });
  });

  it('a retry after a crash between the claim and the request resumes it, or adopts the request the hub already holds', async () => {
    const em = () => scopeToCorp(orm.em.fork(), 'acme');
    // crashed after the claim, before asking: the same call again asks
    const resumed = await create(tokens.omar, 'Resume me');
    await em().nativeUpdate(Objective, { id: resumed }, { status: ObjectiveStatus.PUBLISH_PENDING, version: 2 });
    const asked = (await must(publish(tokens.omar, resumed, 1), 'retry')).publishObjective;
    expect(asked).toMatchObject({ status: 'PUBLISH_PENDING', version: 2, approvalId: expect.any(String) });
    // the same call once more changes nothing and asks nothing
    expect((await must(publish(tokens.omar, resumed, 1), 'retry again')).publishObjective).toEqual(asked);
    expect((await inbox(tokens.mia)).filter((request) => request.subjectId === resumed)).toHaveLength(1);

    // crashed after the hub took the request, before its id was kept: the hub's CONFLICT names it, and it is adopted
    const adopted = await create(tokens.omar, 'Adopt me');
    await em().nativeUpdate(Objective, { id: adopted }, { status: ObjectiveStatus.PUBLISH_PENDING, version: 2 });
    const app = await hub.token({ corp: 'acme', role: Role.VENDOR, app: 'okr' });
    const first = await must(
      hub.request(`mutation($input: RequestApprovalInput!) { requestApproval(input: $input) { id } }`, {
        token: app,
        variables: { input: { subjectType: 'Objective', subjectId: adopted, requesterUnionId: ids.omar, title: 'Publish "Adopt me" to the whole corp', steps: [{ kind: 'MANAGER_CHAIN', depth: 1 }] } },
      }),
      'requestApproval',
    );
    const retried = (await must(publish(tokens.omar, adopted, 1), 'retry')).publishObjective;
    expect(retried).toMatchObject({ status: 'PUBLISH_PENDING', version: 2, approvalId: first.requestApproval.id });
    await decide(tokens.mia, first.requestApproval.id, 'APPROVE');
    await statusBecomes(adopted, ObjectiveStatus.PUBLISHED);
  });

  it("another corp's objective is NOT_FOUND, and an event naming another corp changes nothing", async () => {
    const id = await create(tokens.omar, 'Acme only');
    expect(errorCodes(await publish(tokens.ben, id, 1))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.request(`query($id: ID!) { okrObjective(id: $id) { id } }`, { token: tokens.adminB, variables: { id } }))).toEqual(['NOT_FOUND']);
    const { approvalId } = (await must(publish(tokens.omar, id, 1), 'publish')).publishObjective;
    // signed, but in beta the approval does not exist: the module reads the state in the event's corp, and finds nothing
    const forged = await deliver(decided('beta', { approvalId, subjectId: id, status: 'APPROVED' }));
    expect(forged.status).toBe(204);
    expect(await read(id)).toMatchObject({ status: 'PUBLISH_PENDING', version: 2 });
    // and in acme the event is only a hint: the approval is still pending, so nothing changes either
    expect((await deliver(decided('acme', { approvalId, subjectId: id, status: 'APPROVED' }))).status).toBe(204);
    expect(await read(id)).toMatchObject({ status: 'PUBLISH_PENDING', version: 2 });
  });

  it('refuses bad input and the wrong caller with precise codes; a refusal of the hub gives the claim back', async () => {
    const id = await create(tokens.omar, 'Validate me');
    expect(errorCodes(await publish(tokens.omar, id, 0))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await publish(tokens.omar, '', 1))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await publish(tokens.omar, 'not-an-id', 1))).toEqual(['NOT_FOUND']);
    const stale = await publish(tokens.omar, id, 7);
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toMatchObject({ currentVersion: 1 });
    expect(errorCodes(await publish(tokens.mia, id, 1))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await publish(tokens.adminA, id, 1))).toEqual(['FORBIDDEN']);
    expect(await read(id)).toMatchObject({ status: 'PRIVATE', version: 1, approvalId: null });

    // Tess has no manager: the approvals service refuses, and the objective is PRIVATE again (one version on)
    const top = await create(tokens.tess, 'Nobody above me');
    expect(errorCodes(await publish(tokens.tess, top, 1))).toEqual(['BAD_USER_INPUT']);
    expect(await read(top)).toMatchObject({ status: 'PRIVATE', version: 3, approvalId: null });
  });

  it('the webhook route refuses a bad signature, a body that is no event and another app’s event (400), and applies an outcome once', async () => {
    const event = decided('acme', { approvalId: 'x', subjectId: 'y', status: 'APPROVED' });
    expect((await deliver(event, `whsec_${Buffer.from('not the secret, not at all').toString('base64')}`)).status).toBe(400);
    const unsigned = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(unsigned.status).toBe(400);
    expect((await deliver({ id: 'evt-1', hello: 'world' })).status).toBe(400);
    expect((await deliver({ ...event, data: { padding: 'x'.repeat(100_000) } })).status).toBe(413);
    expect((await deliver({ ...event, appId: 'expenses' })).status).toBe(400);
    expect((await deliver(decided('acme', { approvalId: 42, subjectId: 'y', status: 'APPROVED' }))).status).toBe(400);
    // other events are acknowledged and ignored
    expect((await deliver({ ...event, type: 'employee.hired', data: { unionId: ids.omar, status: 'ACTIVE' } })).status).toBe(204);

    const id = await create(tokens.omar, 'Once only');
    const { approvalId } = (await must(publish(tokens.omar, id, 1), 'publish')).publishObjective;
    await decide(tokens.mia, approvalId, 'APPROVE');
    await statusBecomes(id, ObjectiveStatus.PUBLISHED);
    const published = await read(id);
    // the same outcome again (a retry, a redelivery) changes nothing
    expect((await deliver(decided('acme', { approvalId, subjectId: id, status: 'APPROVED' }))).status).toBe(204);
    expect(await read(id)).toEqual(published);
  });

  it('without a webhook URL: POST /webhooks is 503 and the module polls for the outcome instead', async () => {
    await must(hub.request(`mutation { updateApp(appId: "okr", input: { webhookUrl: null }) { app { webhookUrl } } }`, { token: platform }), 'updateApp');
    await server.stop();
    server = await startOkr(0, { appSecret });
    await publishModule(server.url, 2);
    expect((await deliver(decided('acme', { approvalId: 'x', subjectId: 'y', status: 'APPROVED' }), webhookSecret, server.url.replace(/graphql$/, 'webhooks'))).status).toBe(503);

    const approved = await create(tokens.omar, 'Polled for');
    const first = (await must(publish(tokens.omar, approved, 1), 'publish')).publishObjective;
    const rejected = await create(tokens.omar, 'Polled for, refused');
    const second = (await must(publish(tokens.omar, rejected, 1), 'publish')).publishObjective;
    await decide(tokens.mia, first.approvalId, 'APPROVE');
    await decide(tokens.mia, second.approvalId, 'REJECT', 'Not this quarter');
    await statusBecomes(approved, ObjectiveStatus.PUBLISHED);
    await statusBecomes(rejected, ObjectiveStatus.PRIVATE);
    expect(await read(rejected)).toMatchObject({ version: 3, decisionComment: 'Not this quarter' });
  });
});
