/**
 * GraphiQL as an analyst uses it, in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core) that may reach localhost only: load the page from the hub, paste a token in the
 * headers editor, run the PRODUCT.md dashboard query and see its data; then docs and history.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { identity } from '@corphub/identity';
import { seedCorp, startTestHub, type TestHub } from '@corphub/tooling/testing';
import { dashboard, DASHBOARD_QUERY } from './fixtures/dashboard-subgraph';

/** The part of the page's globals the test calls (the test compiles without the DOM types). */
type BrowserGlobals = { navigator: { clipboard: { writeText(text: string): Promise<void> } } };

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (!hasChromium) {
  // the one test that needs a browser; `.ci/run` installs Debian's chromium
  console.warn(`Skipping the GraphiQL browser test: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
}

(hasChromium ? describe : describe.skip)('GraphiQL served by the hub, in a browser with no internet', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let token: string;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ subgraphs: [identity, dashboard], label: 'graphiql' });
    const corp = await seedCorp(hub, 'acme', ['Ada Lovelace', 'Li Wei']);
    token = await hub.token({ corp: 'acme', role: 'analyst' as never });
    for (const [index, person] of corp.people.entries()) {
      await hub.request(`mutation($u: ID!, $t: String!) { addMember(departmentId: "sales", unionId: $u, title: $t, lateCount: 2) }`, {
        token: corp.adminToken,
        variables: { u: person.unionId, t: `Account manager ${index}` },
      });
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // nothing but the hub: any other address is refused and remembered
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  /** Replaces the text of a Monaco editor the way a person pastes: click, select all, paste. */
  async function replaceEditorText(container: string, text: string) {
    await page.locator(`${container} .monaco-editor .view-lines`).filter({ visible: true }).first().click();
    await page.keyboard.press('ControlOrMeta+KeyA');
    await page.evaluate((pasted) => (globalThis as unknown as BrowserGlobals).navigator.clipboard.writeText(pasted), text);
    await page.keyboard.press('ControlOrMeta+KeyV');
  }

  it('loads from the hub alone, at /graphql as a browser asks for it', async () => {
    const response = await page.goto(hub.url, { waitUntil: 'load' });
    expect(response?.headers()['content-type']).toMatch(/text\/html/);
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor();
    await expect(page.title()).resolves.toBe('Corphub GraphiQL');
  });

  it('runs the dashboard query with a pasted token and shows its data', async () => {
    await page.getByRole('button', { name: 'Headers' }).click();
    await replaceEditorText('.graphiql-editor-tool', JSON.stringify({ Authorization: `Bearer ${token}` }));
    await replaceEditorText('.graphiql-query-editor', DASHBOARD_QUERY.trim());
    const answered = page.waitForResponse((response) => response.url() === hub.url && (response.request().postData() ?? '').includes('SalesDashboard'));
    await page.getByRole('button', { name: /Execute query/ }).click();
    const body = await (await answered).json();
    expect(body.errors).toBeUndefined();
    expect(body.data.department.members.edges.map((edge: any) => edge.node.displayName)).toEqual(['Ada Lovelace', 'Li Wei']);
    // and the result pane shows it
    const result = page.locator('.graphiql-response');
    await expect(result.getByText('"Sales"').waitFor()).resolves.toBeUndefined();
    await expect(result.getByText('"Ada Lovelace"').waitFor()).resolves.toBeUndefined();
  });

  it('explores the schema in the docs with the token, and keeps a history', async () => {
    await page.getByRole('button', { name: /Re-fetch GraphQL schema/ }).click();
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await expect(docs.getByText('department', { exact: true }).first().waitFor()).resolves.toBeUndefined();
    await page.getByRole('button', { name: 'Show History' }).click();
    await expect(page.locator('.graphiql-history').getByText('SalesDashboard').first().waitFor()).resolves.toBeUndefined();
    // CORPHUB_SCREENSHOTS=<folder> keeps a picture of the page to look at
    if (process.env.CORPHUB_SCREENSHOTS) await page.screenshot({ path: `${process.env.CORPHUB_SCREENSHOTS}/corphub-graphiql.png` });
  });

  it('asked nothing of any other host, and threw no page error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
