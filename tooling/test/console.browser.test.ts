/**
 * The admin console as an admin uses it, in a real headless Chromium (Debian's `chromium`, driven by playwright-core)
 * that may reach localhost only: sign in through the hub's development sign-in page (OAuth code + PKCE, no pasted
 * token), open the Department screen on the demo corp, check its table against the API and its charts for data,
 * use it by keyboard and at phone width, sign out (the token is revoked). Screenshots go to test-artifacts/console/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@corphub/demo';
import { builtConsoleDir } from '@corphub/tooling';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { ARTIFACTS, CHROMIUM, hasChromium, launchLocalBrowser } from './browser';

/** The part of the page's globals the test reads (the test compiles without the DOM types). */
type Globals = { localStorage: object; sessionStorage: object; document: { cookie: string; activeElement: { textContent: string } | null; documentElement: { scrollWidth: number } } };

if (!hasChromium) console.warn(`Skipping the console browser test: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

/**
 * Yesterday's month: the demo corp has check-ins for the last 30 days up to yesterday and daily logs for the last
 * three days, so that month has lateness and logs (but on the 2nd, when it has a single day of check-ins).
 */
function dashboardMonth(): { month: string; from: string; to: string } {
  const yesterday = new Date(Date.now() - 86_400_000);
  const first = new Date(Date.UTC(yesterday.getUTCFullYear(), yesterday.getUTCMonth(), 1));
  const last = new Date(Date.UTC(yesterday.getUTCFullYear(), yesterday.getUTCMonth() + 1, 0));
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return { month: day(first).slice(0, 7), from: day(first), to: day(last) };
}

(hasChromium ? describe : describe.skip)('the admin console, signed in through the hub, in a browser with no internet', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let base: string;
  let adminToken: string;
  let consoleToken: string | undefined;
  let outside: string[] = [];
  let pageErrors: string[] = [];
  const { month, from, to } = dashboardMonth();

  beforeAll(async () => {
    if (!builtConsoleDir()) throw new Error('The console is not built: run npm run build first');
    hub = await startTestHub({ label: 'console', seedDemo: true });
    // the issuer in development is http://localhost:<port>: the browser must use that name
    base = `http://localhost:${hub.port}`;
    adminToken = await hub.token({ corp: DEMO.corpId, union: DEMO.adminUnionId });
    ({ browser, page, outside, pageErrors } = await launchLocalBrowser());
    page.on('request', (request) => {
      const authorization = request.headers().authorization;
      if (request.url().endsWith('/graphql') && authorization) consoleToken = authorization.replace(/^Bearer /, '');
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('signs in through the hub sign-in page (PKCE), with no token pasted or stored', async () => {
    await page.goto(`${base}/console/department?month=${month}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // the hub's development sign-in page: pick who you are
    await page.getByRole('button', { name: 'Demo Admin' }).click();
    await page.waitForURL(`${base}/console/department?month=${month}`);
    await expect(page.getByText(/Signed in as Demo Admin \(admin\)/).waitFor()).resolves.toBeUndefined();
    const stored = await page.evaluate(() => {
      const { localStorage, sessionStorage, document } = globalThis as unknown as Globals;
      return JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie;
    });
    expect(consoleToken).toBeDefined();
    expect(stored).not.toContain(consoleToken!.slice(-20));
  });

  it('shows the Department screen: the table matches the API, and every chart has data', async () => {
    // pick Sales in the department tree
    await page.getByRole('combobox', { name: 'Department' }).selectOption('sales');
    await page.waitForURL(`${base}/console/department/sales?month=${month}`);
    const rootId = 'sales';
    const api = await hub.request<{ department: { members: { nodes: { unionId: string; displayName: string; attendance: { lateCount: number; absentDays: number } | null }[] } } }>(
      `query($id: ID!, $from: LocalDate!, $to: LocalDate!) { department(id: $id) { members(first: 200, includeSubdepartments: true) { nodes { unionId displayName attendance(from: $from, to: $to) { lateCount absentDays } } } } }`,
      { token: adminToken, variables: { id: rootId, from, to } },
    );
    expect(api.errors).toBeUndefined();
    const members = api.data!.department.members.nodes;
    expect(members.length).toBeGreaterThan(3);
    // Sales' rows replace the root department's once they have loaded
    await page.locator('section[aria-busy="false"] table.dashboard[data-department="sales"] tbody tr').first().waitFor();
    const rows = await page.locator('table.dashboard tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ unionId: tr.getAttribute('data-union-id'), name: tr.querySelector('th')?.textContent, late: tr.querySelector('.late')?.textContent, absent: tr.querySelector('.absent')?.textContent })),
    );
    expect(rows).toEqual(members.map((member) => ({ unionId: member.unionId, name: member.displayName, late: String(member.attendance?.lateCount ?? '–'), absent: String(member.attendance?.absentDays ?? '–') })));
    expect(members.some((member) => (member.attendance?.lateCount ?? 0) > 0)).toBe(true);
    const charts = page.locator('.chart');
    await expect(charts.count()).resolves.toBe(3);
    for (const chart of await charts.all()) {
      await chart.locator('svg path').first().waitFor({ state: 'attached' });
      expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
      expect(Number(await chart.getAttribute('data-total'))).toBeGreaterThan(0);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'department-1280x800.png'), fullPage: true });
  });

  it('exports the table as CSV', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await downloading).path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('"Name","Title","Late","Absent days","Pending claims","Last log"');
    expect(csv).toContain('"Li Wei","Head of Sales"');
    // recorded in the audit log before the file was written
    const recorded = await hub.request<{ auditLog: { nodes: { actor: string; target: string }[] } }>(`{ auditLog(first: 1, action: "export.csv") { nodes { actor target } } }`, { token: adminToken });
    expect(recorded.data!.auditLog.nodes).toEqual([{ actor: DEMO.adminUnionId, target: `department/sales?month=${month}` }]);
  });

  it('works with the keyboard alone, in Chinese, and at phone width', async () => {
    // Tab (backwards, from the export button) to the Department link and follow it with Enter: no mouse
    const focused = () => page.evaluate(() => (globalThis as unknown as Globals).document.activeElement?.textContent ?? '');
    for (let presses = 0; presses < 40 && (await focused()) !== 'Department'; presses++) await page.keyboard.press('Shift+Tab');
    await expect(focused()).resolves.toBe('Department');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/department/);
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^部门/);
    await page.getByLabel('语言').selectOption('en');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('table.dashboard tbody tr').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'department-phone.png'), fullPage: false });
    // nothing wider than the phone: no sideways scrolling
    const width = await page.evaluate(() => (globalThis as unknown as Globals).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs out by revoking the token at the hub', async () => {
    const token = consoleToken!;
    await expect(hub.request('{ me { role } }', { token }).then((answer) => answer.errors)).resolves.toBeUndefined();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    const after = await hub.request('{ me { role } }', { token });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('asked nothing of any other host, and logged no error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
