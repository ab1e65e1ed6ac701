import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppIntegration, identity, isInternalAddress, webhooksAllowPrivate } from '@corphub/identity';
import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { setEnvironment, waitFor } from '@corphub/module-kit/testing';

// as in production: webhooks reach public addresses only
const ENV = { CORPHUB_WEBHOOKS_ALLOW_PRIVATE: '0', CORPHUB_WEBHOOK_POLL_MS: '100', CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS: '100', CORPHUB_WEBHOOK_MAX_ATTEMPTS: '2' };

describe('webhook URLs pointing inside the network (SSRF)', () => {
  let hub: TestHub;
  let receiver: http.Server;
  let port: number;
  let acme: SeededCorp;
  let platform: string;
  const hits: string[] = [];
  let restoreEnvironment = () => {};

  const register = (appId: string, url: string) =>
    hub.request(`mutation($id: ID!, $name: String!, $url: String) { registerApp(input: { appId: $id, name: $name, vendor: "V", webhookUrl: $url }) { app { webhookUrl } } }`, {
      token: platform,
      variables: { id: appId, name: appId, url },
    });

  beforeAll(async () => {
    restoreEnvironment = setEnvironment(ENV);
    receiver = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
    hub = await startTestHub({ subgraphs: [identity], label: 'webhook-addresses' });
    acme = await seedCorp(hub, 'acme', ['Ada Admin']);
    platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
  });
  afterAll(async () => {
    await hub?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    restoreEnvironment();
  });

  it('refuses internal IP literals at registration and on update with BAD_USER_INPUT, writing nothing', async () => {
    const internal = [
      `http://127.0.0.1:${port}/hooks`,
      'http://10.0.0.8/hooks',
      'http://192.168.1.1/hooks',
      'http://172.16.0.1/hooks',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/hooks',
      'http://[fd12:3456::1]/hooks',
      'http://[fe80::1]/hooks',
      'http://[::ffff:127.0.0.1]/hooks',
      'http://0.0.0.0/hooks',
    ];
    for (const [index, url] of internal.entries()) {
      const refused = await register(`inner-${index}`, url);
      expect({ url, code: refused.errors?.[0].extensions?.code, message: refused.errors?.[0].message }).toEqual({ url, code: 'BAD_USER_INPUT', message: expect.stringMatching(/internal address/) });
    }
    // other spellings of 127.0.0.1 are not URLs to the input's validation
    for (const url of ['http://2130706433/hooks', 'http://0x7f.1/hooks']) expect((await register('inner-number', url)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const apps = await hub.request(`{ apps(first: 100) { nodes { appId } } }`, { token: platform });
    expect(apps.data!.apps.nodes.filter((app: { appId: string }) => app.appId.startsWith('inner-'))).toEqual([]);

    expect((await register('public-app', 'https://hooks.example.com/corphub')).data).toEqual({ registerApp: { app: { webhookUrl: 'https://hooks.example.com/corphub' } } });
    const update = await hub.request(`mutation { updateApp(appId: "public-app", input: { webhookUrl: "http://169.254.169.254/" }) { app { webhookUrl } } }`, { token: platform });
    expect(update.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const kept = await hub.request(`{ apps(first: 100) { nodes { appId webhookUrl } } }`, { token: platform });
    expect(kept.data!.apps.nodes.find((app: { appId: string }) => app.appId === 'public-app')).toEqual({ appId: 'public-app', webhookUrl: 'https://hooks.example.com/corphub' });
  });

  it('refuses at delivery a hostname that resolves to an internal address, and logs why', async () => {
    // a name passes registration; what it resolves to is checked when the connection is made (DNS rebinding)
    expect((await register('rebind-app', `http://localhost:${port}/rebind`)).errors).toBeUndefined();
    expect((await hub.request(`mutation { installApp(appId: "rebind-app") { status } }`, { token: acme.adminToken })).errors).toBeUndefined();
    let failed: unknown;
    await waitFor('the refused delivery to fail', async () => {
      const log = await hub.request(`{ webhookDeliveries(appId: "rebind-app", first: 10) { nodes { eventType status attempts lastStatusCode lastError } } }`, { token: acme.adminToken });
      failed = log.data?.webhookDeliveries.nodes[0];
      return (failed as { status?: string } | undefined)?.status === 'FAILED';
    });
    expect(failed).toEqual({ eventType: 'app.installed', status: 'FAILED', attempts: 2, lastStatusCode: null, lastError: expect.stringMatching(/^Unreachable: localhost resolves to the internal address (127\.0\.0\.1|::1)$/) });
    expect(hits).toEqual([]);
  });

  it('refuses at delivery an internal IP literal stored before the setting was turned off', async () => {
    expect((await register('literal-app', 'https://hooks.example.com/literal')).errors).toBeUndefined();
    // as if registered while internal receivers were allowed
    await hub.subgraphs.identity.orm.em.fork().nativeUpdate(AppIntegration, { appId: 'literal-app' }, { webhookUrl: `http://127.0.0.1:${port}/literal` }, { filters: false });
    expect((await hub.request(`mutation { installApp(appId: "literal-app") { status } }`, { token: acme.adminToken })).errors).toBeUndefined();
    let failed: unknown;
    await waitFor('the refused delivery to fail', async () => {
      const log = await hub.request(`{ webhookDeliveries(appId: "literal-app", first: 10) { nodes { status attempts lastStatusCode lastError } } }`, { token: acme.adminToken });
      failed = log.data?.webhookDeliveries.nodes[0];
      return (failed as { status?: string } | undefined)?.status === 'FAILED';
    });
    expect(failed).toEqual({ status: 'FAILED', attempts: 2, lastStatusCode: null, lastError: 'Refused: webhookUrl points at the internal address 127.0.0.1' });
    expect(hits).toEqual([]);
  });

  it('allows internal receivers by default outside production only, and as the setting says', () => {
    expect(webhooksAllowPrivate({ NODE_ENV: 'production' })).toBe(false);
    expect(webhooksAllowPrivate({ NODE_ENV: 'test' })).toBe(true);
    expect(webhooksAllowPrivate({})).toBe(true);
    expect(webhooksAllowPrivate({ NODE_ENV: 'production', CORPHUB_WEBHOOKS_ALLOW_PRIVATE: '1' })).toBe(true);
    expect(webhooksAllowPrivate({ NODE_ENV: 'development', CORPHUB_WEBHOOKS_ALLOW_PRIVATE: '0' })).toBe(false);
  });

  it('classifies addresses: only public unicast is external', () => {
    const internal = ['127.0.0.1', '10.1.2.3', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fc00::1', 'fd00:ec2::254', 'fe80::1', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '[::1]'];
    const external = ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8', 'hooks.example.com'];
    expect(internal.filter((address) => !isInternalAddress(address))).toEqual([]);
    expect(external.filter((address) => isInternalAddress(address))).toEqual([]);
  });
});
