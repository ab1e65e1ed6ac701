/**
 * The console's People, Modules and Audit screens as admins use them, in a real headless Chromium against a real hub
 * with the demo corp: search the directory, read a person (openIds for the corp admin only), grant and revoke a role,
 * hire, transfer, offboard and rehire, install a module, change its scope, send a webhook again, uninstall it, filter
 * the audit log and export it (the export itself recorded). Every change is checked against the API, not the page.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { DEMO, DEMO_PEOPLE } from '@corphub/demo';
import { Role } from '@corphub/module-kit';
import { errorCodes, waitFor } from '@corphub/module-kit/testing';
import { builtConsoleDir } from '@corphub/tooling';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { ARTIFACTS, CHROMIUM, hasChromium, launchLocalBrowser } from './browser';

const APP = 'hooks-demo';
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
/** The app's module subgraph, published twice (the second adds a field: a safe change), never queried here. */
const GOALS = [
  `${LINK}\ntype Person @key(fields: "unionId") { unionId: ID! goals: [Goal!]! }\ntype Goal { id: ID! title: String! }`,
  `${LINK}\ntype Person @key(fields: "unionId") { unionId: ID! goals: [Goal!]! }\ntype Goal { id: ID! title: String! progress: Int! }`,
];

if (!hasChromium) console.warn(`Skipping the console screens test: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

const unionIdOf = (displayName: string) => DEMO_PEOPLE.find((person) => person.displayName === displayName)!.unionId;

(hasChromium ? describe : describe.skip)('the console: People, Modules and Audit, in a browser against the hub', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let base: string;
  let admin: string;
  let receiver: http.Server;
  /** webhook-id of every delivery the test's receiver got. */
  const received: { id: string; type: string }[] = [];
  let outside: string[] = [];
  let pageErrors: string[] = [];

  const api = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> => {
    const answer = await hub.request<T>(query, { token, variables });
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data!;
  };
  const signInAs = async (url: string, name: string) => {
    await page.goto(`${base}/console${url}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name, exact: true }).click();
    await page.waitForURL(`${base}/console${url}`);
    await page.getByText(new RegExp(`Signed in as ${name}`)).waitFor();
  };
  const nav = async (label: string) => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: label, exact: true }).click();
  };
  const openPerson = async (name: string) => {
    await nav('People');
    await page.getByLabel('Search by name').fill(name);
    await page.getByRole('button', { name: 'Search by name' }).click();
    await page.locator('table.people tbody').getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  };

  beforeAll(async () => {
    if (!builtConsoleDir()) throw new Error('The console is not built: run npm run build first');
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string };
        received.push({ id: String(req.headers['webhook-id']), type: event.type });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hub = await startTestHub({ label: 'console_screens_b', seedDemo: true });
    base = `http://localhost:${hub.port}`;
    admin = await hub.token({ corp: DEMO.corpId, union: DEMO.adminUnionId });
    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    await api(`mutation($url: String) { registerApp(input: { appId: "${APP}", name: "Hooks Demo", vendor: "Acme Vendor", subgraph: "goals", webhookUrl: $url }) { secret } }`, {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
    }, platform);
    for (const sdl of GOALS) {
      await api(`mutation($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { version { version } } }`, { input: { name: 'goals', sdl, url: 'http://127.0.0.1:9/graphql', appId: APP } }, platform);
    }
    ({ browser, page, outside, pageErrors } = await launchLocalBrowser({ timezoneId: 'UTC' }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('searches the directory: the table is what the API finds', async () => {
    await signInAs('/people', 'Demo Admin');
    await page.getByLabel('Search by name').fill('wang');
    await page.getByRole('button', { name: 'Search by name' }).click();
    await page.waitForURL(/\/console\/people\?q=wang/);
    const found = await api<{ employees: { nodes: { unionId: string; displayName: string }[] } }>(`{ employees(first: 50, filter: { query: "wang" }) { nodes { unionId displayName } } }`);
    expect(found.employees.nodes.length).toBeGreaterThan(0);
    await page.locator('section[aria-busy="false"] table.people tbody tr').first().waitFor();
    const rows = await page.locator('table.people tbody tr').evaluateAll((trs) => trs.map((tr) => ({ unionId: tr.getAttribute('data-union-id'), displayName: tr.querySelector('th')?.textContent })));
    expect(rows).toEqual(found.employees.nodes);
    await page.getByLabel('Search by name').fill('nobody-is-called-this');
    await page.getByRole('button', { name: 'Search by name' }).click();
    await page.getByText('Nobody matches this search.').waitFor();
  });

  it("shows a person's departments, managers, tags and, to the corp admin, their openIds per installed app", async () => {
    await openPerson('Chen Jing');
    const person = await api<{ person: { openIds: { app: { appId: string; name: string }; openId: string }[] } }>(`query($u: ID!) { person(unionId: $u) { openIds { app { appId name } openId } } }`, { u: unionIdOf('Chen Jing') });
    expect(person.person.openIds.length).toBeGreaterThan(0);
    await page.locator('table.open-ids tbody tr').first().waitFor();
    const rows = await page.locator('table.open-ids tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-app-id'), tr.querySelector('td')?.textContent]));
    expect(rows.sort()).toEqual(person.person.openIds.map((row) => [row.app.appId, row.openId]).sort());
    await expect(page.locator('ul.departments').textContent()).resolves.toBe('Sales North');
    await expect(page.locator('ol.managers li').allTextContents()).resolves.toEqual(['Li Wei', 'Demo Admin']);
    await page.getByRole('link', { name: 'Liu Yang' }).waitFor();
    await page.getByText('No tags.').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'person-1280x800.png'), fullPage: true });
  });

  it('grants and revokes an admin role', async () => {
    const zhou = unionIdOf('Zhou Ting');
    const roleOf = async () => (await api<{ person: { adminRole: { role: string; departmentId: string | null } | null } }>(`query($u: ID!) { person(unionId: $u) { adminRole { role departmentId } } }`, { u: zhou })).person.adminRole;
    await openPerson('Zhou Ting');
    await page.getByRole('combobox', { name: 'Admin role' }).selectOption('DEPARTMENT_ADMIN');
    await page.getByLabel('Over department').selectOption('sales-south');
    await page.getByRole('button', { name: 'Grant role' }).click();
    await page.locator('p.admin-role', { hasText: 'Department admin of Sales South' }).waitFor();
    expect(await roleOf()).toEqual({ role: 'DEPARTMENT_ADMIN', departmentId: 'sales-south' });
    await page.getByRole('button', { name: 'Revoke role' }).click();
    await page.locator('p.admin-role', { hasText: 'No admin role' }).waitFor();
    expect(await roleOf()).toBeNull();
  });

  let hired: string;
  it('hires someone from the People screen', async () => {
    await nav('People');
    await page.getByRole('button', { name: 'Hire someone' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Hire' }) });
    await form.getByLabel('Name').fill('Qin Hao');
    await form.getByLabel('Email').fill('qin.hao@demo.example');
    await form.getByLabel('Title').fill('Account Executive');
    await form.getByLabel('Department').selectOption('sales-north');
    await form.getByLabel('Manager').selectOption(unionIdOf('Chen Jing'));
    await form.getByRole('button', { name: 'Hire', exact: true }).click();
    await page.waitForURL(/\/console\/people\/un_/);
    hired = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('heading', { level: 1, name: 'Qin Hao' }).waitFor();
    const employee = await api<{ employee: unknown }>(`query($u: ID!) { employee(unionId: $u) { displayName email title status departments { id } manager { displayName } } }`, { u: hired });
    expect(employee.employee).toEqual({ displayName: 'Qin Hao', email: 'qin.hao@demo.example', title: 'Account Executive', status: 'ACTIVE', departments: [{ id: 'sales-north' }], manager: { displayName: 'Chen Jing' } });
  });

  it('transfers them to another department under another manager', async () => {
    await page.getByLabel('To department').selectOption('platform');
    await page.getByLabel('Under manager').selectOption(unionIdOf('Sun Qiang'));
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    await page.locator('ul.departments', { hasText: 'Platform' }).waitFor();
    const employee = await api<{ employee: unknown }>(`query($u: ID!) { employee(unionId: $u) { departments { id } manager { displayName } } }`, { u: hired });
    expect(employee.employee).toEqual({ departments: [{ id: 'platform' }], manager: { displayName: 'Sun Qiang' } });
  });

  it('offboards them, and rehires them', async () => {
    await page.getByRole('button', { name: 'Offboard', exact: true }).click();
    await page.locator('.employee-status', { hasText: 'Left' }).waitFor();
    const status = async () => (await api<{ employee: { status: string } }>(`query($u: ID!) { employee(unionId: $u) { status } }`, { u: hired })).employee.status;
    expect(await status()).toBe('LEFT');
    await page.getByRole('button', { name: 'Rehire', exact: true }).click();
    await page.locator('.employee-status', { hasText: 'Active' }).waitFor();
    expect(await status()).toBe('ACTIVE');
  });

  const installation = async () =>
    (await api<{ installations: { nodes: { status: string; app: { appId: string }; scope: Record<string, unknown> }[] } }>(`{ installations(first: 100) { nodes { status app { appId } scope { wholeCorp departmentIds tags unionIds } } } }`)).installations.nodes.find(
      (row) => row.app.appId === APP,
    );

  it('installs a module from the catalogue', async () => {
    await nav('Modules');
    await page.locator('ul.available li[data-app-id="hooks-demo"]').waitFor();
    await page.getByRole('button', { name: 'Install Hooks Demo' }).click();
    await page.locator('ul.installed li[data-app-id="hooks-demo"]').waitFor();
    expect((await installation())?.status).toBe('INSTALLED');
    await page.screenshot({ path: path.join(ARTIFACTS, 'modules-1280x800.png'), fullPage: true });
  });

  it("narrows the module's visibility scope to a department", async () => {
    await page.locator('li[data-app-id="hooks-demo"]').getByRole('link', { name: 'Manage' }).click();
    await page.waitForURL(`${base}/console/modules/${APP}`);
    // the registry's versions with their checks, as the API has them
    const versions = await api<{ subgraphVersions: { nodes: { version: number; changes: unknown[] }[] } }>(`{ subgraphVersions(name: "goals", first: 20) { nodes { version changes { path } } } }`);
    expect(versions.subgraphVersions.nodes.map((version) => version.version)).toEqual([2, 1]);
    await page.locator('table.versions tbody tr').first().waitFor();
    const rows = await page.locator('table.versions tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td:last-child')?.textContent]));
    const checks = (count: number) => (count ? `${count} change${count === 1 ? '' : 's'}` : 'No change for clients');
    expect(rows).toEqual(versions.subgraphVersions.nodes.map((version) => [String(version.version), expect.stringContaining(checks(version.changes.length))]));
    await page.getByLabel('The whole corp').uncheck();
    await page.getByLabel('Sales North').check();
    await page.getByLabel('first-aider').check();
    await page.getByRole('button', { name: 'Save scope' }).click();
    await page.getByText('Scope saved.').waitFor();
    expect((await installation())?.scope).toEqual({ wholeCorp: false, departmentIds: ['sales-north'], tags: ['first-aider'], unionIds: [] });
    await page.locator('p.scope-summary', { hasText: 'Departments: 1 · tags: 1 · people: 0' }).waitFor();
  });

  it('sends a webhook delivery again, under the same webhook-id', async () => {
    await waitFor('the install delivered to the receiver', () => received.some((event) => event.type === 'app.installed'), 20_000);
    const installed = received.find((event) => event.type === 'app.installed')!;
    expect(installed).toBeDefined();
    // the page read the deliveries before the dispatcher sent it: read them again
    await nav('Modules');
    await page.locator('li[data-app-id="hooks-demo"]').getByRole('link', { name: 'Manage' }).click();
    const row = page.locator('table.deliveries tbody tr', { has: page.getByRole('rowheader', { name: 'app.installed' }) });
    await row.locator('.delivery-status', { hasText: 'Delivered' }).waitFor();
    await row.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('Queued to send again.').waitFor();
    await waitFor('the same delivery received again', () => received.filter((event) => event.id === installed.id).length === 2, 20_000);
    await row.locator('.delivery-status', { hasText: 'Delivered' }).waitFor();
  });

  it('uninstalls the module', async () => {
    await page.getByRole('button', { name: 'Uninstall Hooks Demo' }).click();
    await page.locator('.install-status', { hasText: 'Uninstalled' }).waitFor();
    expect((await installation())?.status).toBe('UNINSTALLED');
  });

  it('filters the audit log by person and action, and exports it as CSV, which the log records', async () => {
    await nav('Audit');
    await page.getByLabel('Person').selectOption(unionIdOf('Zhou Ting'));
    await page.getByLabel('Action').selectOption('admin_role.granted');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/\/console\/audit\?person=.*&action=admin_role.granted/);
    const log = await api<{ auditLog: { nodes: { action: string; target: string | null }[] } }>(`query($p: ID) { auditLog(first: 50, person: $p, action: "admin_role.granted") { nodes { action target } } }`, { p: unionIdOf('Zhou Ting') });
    expect(log.auditLog.nodes).toEqual([{ action: 'admin_role.granted', target: 'sales-south' }]);
    // the previous page's rows stay on screen while the filtered page loads
    await page.locator('section[aria-busy="false"] table.audit tbody tr').first().waitFor();
    const rows = await page.locator('table.audit tbody tr').evaluateAll((trs) => trs.map((tr) => ({ action: tr.querySelector('.action')?.textContent, target: tr.querySelector('.target')?.textContent || null })));
    expect(rows).toEqual(log.auditLog.nodes);
    await expect(page.locator('table.audit .subject').first().textContent()).resolves.toBe('Zhou Ting');
    await expect(page.locator('table.audit .actor').first().textContent()).resolves.toBe('Demo Admin');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = fs.readFileSync(await (await downloading).path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('"When","Action","Who","About","Target","Details"');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"admin_role.granted","Demo Admin","Zhou Ting","sales-south"');
    const exports = await api<{ auditLog: { nodes: { actor: string; target: string; details: string }[] } }>(`{ auditLog(first: 5, action: "export.csv") { nodes { actor target details } } }`);
    expect(exports.auditLog.nodes[0]).toEqual({ actor: DEMO.adminUnionId, target: `audit?person=${unionIdOf('Zhou Ting')}&action=admin_role.granted`, details: '{"rows":1}' });

    // a date range that holds nothing says so; one reversed is refused in words
    await page.getByLabel('From').fill('2001-01-01');
    await page.getByLabel('To (inclusive)').fill('2001-01-02');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No line of the audit log matches.').waitFor();
    await page.getByLabel('From').fill('2001-01-03');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('The start date must be on or before the end date.').waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '操作日志' }).waitFor();
    await page.getByText('开始日期不能晚于结束日期。').waitFor();
    await page.getByLabel('语言').selectOption('en');
  });

  it("shows a department admin a person of their subtree without openIds, and no role controls", async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    const wu = unionIdOf('Wu Hao');
    await signInAs(`/people/${wu}`, 'Li Wei');
    await page.getByRole('heading', { level: 1, name: 'Wu Hao' }).waitFor();
    await expect(page.locator('ul.departments').textContent()).resolves.toBe('Sales South');
    await expect(page.locator('ul.tags').textContent()).resolves.toBe('first-aider');
    await page.getByRole('heading', { name: 'Offboard' }).waitFor();
    await expect(page.getByRole('heading', { name: 'OpenIDs per app' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Grant role' }).count()).resolves.toBe(0);
    // and the API refuses them the openIds anyway
    const lead = await hub.token({ corp: DEMO.corpId, role: Role.DEPARTMENT_ADMIN, union: unionIdOf('Li Wei'), department: 'sales' });
    const refused = await hub.request(`query($u: ID!) { person(unionId: $u) { displayName openIds { openId } } }`, { token: lead, variables: { u: wu } });
    expect(refused.data).toEqual({ person: { displayName: 'Wu Hao', openIds: null } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  });

  it('fits a phone: no screen scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const width = () => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    for (const [screen, ready] of [
      ['People', 'table.people tbody tr'],
      ['Modules', 'ul.module-list li'],
      ['Audit', 'table.audit tbody tr'],
    ] as const) {
      await nav(screen);
      await page.locator(ready).first().waitFor();
      expect(await width()).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'audit-phone.png'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('asked nothing of any other host, and logged no error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
