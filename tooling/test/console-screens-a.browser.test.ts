/**
 * The console's Overview, Approvals and Messages screens, and GraphiQL's sign-in, as people use them: a real hub with
 * the demo corp and Debian's Chromium (playwright-core) that may reach localhost only. Pending approvals are made
 * here through the API (a claim with an invoice scan, by Li Wei, waits for his manager, Demo Admin); a lost race
 * is made by deciding through the API while the page still shows the request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO, DEMO_CLAIMS, DEMO_PEOPLE } from '@corphub/demo';
import { Role } from '@corphub/module-kit';
import { png, waitFor } from '@corphub/module-kit/testing';
import { builtConsoleDir } from '@corphub/tooling';
import { startTestHub, upload, type TestHub } from '@corphub/tooling/testing';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'console');

if (!hasChromium) console.warn(`Skipping the console screens test: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

const unionOf = (name: string) => DEMO_PEOPLE.find((person) => person.displayName === name)!.unionId;
const LI_WEI = unionOf('Li Wei');
const PENG_FEI = unionOf('Peng Fei');
// Sales South: Zhao Xin, Wu Hao, Zhou Ting, Peng Fei
const SALES_SOUTH = ['Zhao Xin', 'Wu Hao', 'Zhou Ting', 'Peng Fei'].map(unionOf);

interface Pending {
  approvalId: string;
  version: number;
}

(hasChromium ? describe : describe.skip)('the console: Overview, Approvals, Messages and GraphiQL sign-in, in a browser', () => {
  let hub: TestHub;
  let browser: Browser;
  let base: string;
  let adminToken: string;
  let liWeiToken: string;
  const contexts: BrowserContext[] = [];
  const outside: string[] = [];
  const pageErrors: string[] = [];
  const claims: Record<'approve' | 'reject' | 'sendBack' | 'race', Pending & { title: string }> = {} as never;
  const stamp = Date.now().toString(36);

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    contexts.push(context);
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // a refused GraphQL request is shown in words; the browser still logs its status line
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) pageErrors.push(message.text());
    });
    return page;
  }

  /** Opens a console URL and signs in as `name` on the hub's development sign-in page. */
  async function signedIn(name: string, url: string): Promise<Page> {
    const page = await newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name }).click();
    await page.getByText(new RegExp(`Signed in as ${name}`)).waitFor();
    return page;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the answer by its own shape
  async function gql<T = Record<string, any>>(query: string, token: string, variables?: Record<string, unknown>): Promise<T> {
    const answer = await hub.request<T>(query, { token, variables });
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data!;
  }

  /** Li Wei claims with an invoice scan and submits: the request waits for Demo Admin, his manager. */
  async function pendingClaim(title: string): Promise<Pending & { title: string }> {
    const scan = await upload(hub, liWeiToken, png(12, 8, title.length), { kind: 'DOCUMENT' });
    if (scan.status !== 201) throw new Error(`upload: ${JSON.stringify(scan.json)}`);
    const item = { category: 'travel', amount: '86.40', currency: 'CNY', incurredOn: new Date().toISOString().slice(0, 10), merchant: 'Didi', invoiceId: scan.json.id };
    const created = await gql(`mutation($input: ClaimInput!) { createExpenseClaim(input: $input) { id version } }`, liWeiToken, { input: { title, items: [item] } });
    const submitted = await gql(`mutation($id: ID!, $v: Int!) { submitClaim(claimId: $id, version: $v) { approval { id version } } }`, liWeiToken, {
      id: created.createExpenseClaim.id,
      v: created.createExpenseClaim.version,
    });
    return { title, approvalId: submitted.submitClaim.approval.id, version: submitted.submitClaim.approval.version };
  }

  const approvalStatus = async (id: string) => (await gql(`query($id: ID!) { approvalRequest(id: $id) { status } }`, adminToken, { id })).approvalRequest.status as string;

  beforeAll(async () => {
    if (!builtConsoleDir()) throw new Error('The console is not built: run npm run build first');
    hub = await startTestHub({ label: 'console_screens_a', seedDemo: true });
    base = `http://localhost:${hub.port}`;
    adminToken = await hub.token({ corp: DEMO.corpId, union: DEMO.adminUnionId });
    liWeiToken = await hub.token({ corp: DEMO.corpId, role: Role.EMPLOYEE, union: LI_WEI });
    claims.approve = await pendingClaim(`Taxi to the airport ${stamp}`);
    claims.reject = await pendingClaim(`Team dinner ${stamp}`);
    claims.sendBack = await pendingClaim(`Hotel in Suzhou ${stamp}`);
    claims.race = await pendingClaim(`Train to Hangzhou ${stamp}`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await hub?.stop();
  });

  let admin: Page;

  it('opens the Overview by default: today across the corp, waiting claims per step, installed modules', async () => {
    admin = await signedIn('Demo Admin', `${base}/console`);
    await admin.waitForURL(`${base}/console/overview`);
    const zone = (await gql(`{ me { corp { timezone } } }`, adminToken)).me.corp.timezone as string;
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const today = (await gql(`query($date: LocalDate!) { dayAttendance(date: $date) { memberCount workingCount checkedInCount lateCount notCheckedInCount onLeaveCount } }`, adminToken, { date })).dayAttendance;
    await admin.locator('[data-figure="members"] dd').waitFor();
    const shown = Object.fromEntries(
      await admin.locator('[data-figure]').evaluateAll((figures) => figures.map((figure) => [figure.getAttribute('data-figure'), Number(figure.querySelector('dd')?.textContent)])),
    );
    expect(shown).toEqual({
      members: today.memberCount,
      working: today.workingCount,
      checkedIn: today.checkedInCount,
      late: today.lateCount,
      notCheckedIn: today.notCheckedInCount,
      onLeave: today.onLeaveCount,
    });
    expect(today.memberCount).toBe(DEMO_PEOPLE.length);
    await expect(admin.getByText(`Today, ${date}`).count()).resolves.toBe(1);

    // our four claims wait at Li Wei's manager step, beside the demo seed's submitted claims (at every step)
    const waiting = await gql(`{ approvalRequests(status: PENDING, subjectType: "ExpenseClaim", first: 500) { nodes { currentStep steps { position label } } } }`, adminToken);
    const byStep = new Map<string, number>();
    for (const node of waiting.approvalRequests.nodes as { currentStep: number; steps: { position: number; label: string }[] }[]) {
      const label = node.steps.find((step) => step.position === node.currentStep)!.label;
      byStep.set(label, (byStep.get(label) ?? 0) + 1);
    }
    await admin.locator('table.waiting-steps tbody tr').first().waitFor();
    const rows = await admin.locator('table.waiting-steps tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent, Number(tr.querySelector('td')?.textContent)]));
    expect(new Map(rows as [string, number][])).toEqual(byStep);
    expect([...byStep.values()].reduce((sum, count) => sum + count, 0)).toBe(4 + DEMO_CLAIMS.filter((claim) => claim.approval).length);
    expect([...byStep.keys()]).toEqual(expect.arrayContaining(['Manager (level 1)', 'Manager (level 2)', 'Tag: finance']));

    const installed = await gql(`{ installations(first: 100) { nodes { status app { appId } } } }`, adminToken);
    const appIds = (installed.installations.nodes as { status: string; app: { appId: string } }[]).filter((node) => node.status === 'INSTALLED').map((node) => node.app.appId);
    expect(appIds.length).toBeGreaterThan(0);
    await expect(admin.locator('.installed-modules li').evaluateAll((items) => items.map((item) => item.getAttribute('data-app-id')))).resolves.toEqual(appIds);
    await admin.screenshot({ path: path.join(ARTIFACTS, 'overview-1280x800.png'), fullPage: true });

    await admin.getByLabel('Language').selectOption('zh-CN');
    await expect(admin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('概览');
    await admin.getByText('今日考勤').waitFor();
    await admin.getByLabel('语言').selectOption('en');
  });

  it('lists the approver’s inbox and approves a claim, its invoice scan shown', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Approvals', exact: true }).click();
    await admin.waitForURL(`${base}/console/approvals`);
    const inbox = await gql(`{ me { pendingApprovals(first: 100) { nodes { id title } } } }`, adminToken);
    await admin.locator('table.approvals-inbox tbody tr').first().waitFor();
    const ids = await admin.locator('table.approvals-inbox tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-approval-id')));
    expect(ids).toEqual(inbox.me.pendingApprovals.nodes.map((node: { id: string }) => node.id));
    for (const claim of Object.values(claims)) expect(ids).toContain(claim.approvalId);
    // the demo seed's submitted claims that wait for the admin (Li Wei's, say) are there too, oldest first
    const seeded = DEMO_CLAIMS.filter((claim) => claim.approval && claim.steps[claim.stop].approvers.includes(DEMO.adminUnionId));
    expect(seeded.length).toBeGreaterThan(0);
    expect(ids.slice(0, seeded.length).sort()).toEqual(seeded.map((claim) => claim.approval!.id).sort());

    await admin.getByRole('link', { name: claims.approve.title }).click();
    await admin.waitForURL(`${base}/console/approvals/${claims.approve.approvalId}`);
    const invoice = admin.locator('td.invoice img');
    await invoice.waitFor();
    // the scan itself loaded (through its signed media link), not a broken image
    await waitFor('the invoice scan', async () => (await invoice.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)) === 12);
    await admin.getByRole('button', { name: 'Approve' }).click();
    await admin.getByText('You approved it.').waitFor();
    // the manager step is settled: the request moved on to finance (or ended approved)
    const after = await gql(`query($id: ID!) { approvalRequest(id: $id) { status currentStep version } }`, adminToken, { id: claims.approve.approvalId });
    expect(after.approvalRequest.version).toBeGreaterThan(claims.approve.version);
    await admin.screenshot({ path: path.join(ARTIFACTS, 'approval-decided.png'), fullPage: true });
  });

  it('refuses to reject without a reason, then rejects with one; sends another back with a reason', async () => {
    // a reload would sign in again (the token lives in memory only): move inside the app
    await admin.getByRole('link', { name: 'Back to the inbox' }).click();
    await admin.getByRole('link', { name: claims.reject.title }).click();
    await admin.getByText(`Approval: ${claims.reject.title}`).waitFor();
    await admin.getByRole('button', { name: 'Reject' }).click();
    await admin.getByText('Write a reason before you reject or send back.').waitFor();
    await expect(approvalStatus(claims.reject.approvalId)).resolves.toBe('PENDING');
    await admin.getByLabel('Reason (required to reject or send back)').fill('No receipt for the drinks');
    await admin.getByRole('button', { name: 'Reject' }).click();
    await admin.getByText('You rejected it.').waitFor();
    await expect(approvalStatus(claims.reject.approvalId)).resolves.toBe('REJECTED');
    // the page reads the request again after deciding
    await expect(admin.locator('.approval-status[data-status="REJECTED"]').textContent()).resolves.toBe('Rejected');

    await admin.getByRole('link', { name: 'Back to the inbox' }).click();
    await admin.getByRole('link', { name: claims.sendBack.title }).click();
    await admin.getByRole('button', { name: 'Send back' }).click();
    await admin.getByText('Write a reason before you reject or send back.').waitFor();
    await admin.getByLabel('Reason (required to reject or send back)').fill('Attach the hotel folio');
    await admin.getByRole('button', { name: 'Send back' }).click();
    await admin.getByText('You sent it back.').waitFor();
    await expect(approvalStatus(claims.sendBack.approvalId)).resolves.toBe('SENT_BACK');
  });

  it('says in words that someone else decided first when the approver loses a race, in English and Chinese', async () => {
    await admin.getByRole('link', { name: 'Back to the inbox' }).click();
    await admin.getByRole('link', { name: claims.race.title }).click();
    await admin.getByRole('button', { name: 'Approve' }).waitFor();
    // decided elsewhere (another tab, the phone) while this page still shows it waiting
    await gql(`mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { status } }`, adminToken, {
      input: { id: claims.race.approvalId, version: claims.race.version, decision: 'REJECT', comment: 'Decided on the phone' },
    });
    await admin.getByRole('button', { name: 'Approve' }).click();
    const lost = admin.locator('.lost-race');
    await lost.waitFor();
    await expect(lost.textContent()).resolves.toBe('Someone else decided this request before you: it is now “Rejected”. Nothing you did was recorded.');
    await admin.getByLabel('Language').selectOption('zh-CN');
    await expect(lost.textContent()).resolves.toBe('其他人已先处理了这条审批，当前状态为“已驳回”。你的操作没有被记录。');
    await admin.getByLabel('语言').selectOption('en');
    await expect(approvalStatus(claims.race.approvalId)).resolves.toBe('REJECTED');
    const history = await gql(`query($id: ID!) { approvalRequest(id: $id) { history { action comment } } }`, adminToken, { id: claims.race.approvalId });
    expect(history.approvalRequest.history.filter((event: { action: string }) => event.action !== 'REQUESTED')).toEqual([{ action: 'REJECTED', comment: 'Decided on the phone' }]);
  });

  it('sends an urgent message to a department once on a double click, and counts delivered and read', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Messages', exact: true }).click();
    await admin.waitForURL(`${base}/console/messages`);
    const title = `Fire drill at 3 pm ${stamp}`;
    await admin.getByRole('button', { name: 'Send' }).click();
    await admin.getByText('Choose at least one department, tag or person.').waitFor();
    await admin.getByLabel('Departments').selectOption('sales-south');
    await admin.getByLabel('Title').fill(title);
    await admin.getByLabel('Message', { exact: true }).fill('Meet at the east stairs.');
    await admin.getByLabel('Urgency').selectOption('URGENT');
    await admin.getByRole('button', { name: 'Send' }).dblclick();
    await admin.getByText(`Sent to ${SALES_SOUTH.length} people.`).waitFor();
    const sent = await gql(`{ sentMessages(first: 50) { nodes { id title recipientCount readCount priority } } }`, adminToken);
    const ours = sent.sentMessages.nodes.filter((message: { title: string }) => message.title === title);
    expect(ours).toEqual([{ id: expect.any(String), title, recipientCount: SALES_SOUTH.length, readCount: 0, priority: 'URGENT' }]);
    const messageId = ours[0].id as string;
    const row = admin.locator(`tr[data-message-id="${messageId}"]`);
    await row.waitFor();
    await expect(row.locator('.delivered').textContent()).resolves.toBe(String(SALES_SOUTH.length));
    await expect(row.locator('.read').textContent()).resolves.toBe('0');

    // Peng Fei reads it; the Overview counts it among the urgent messages still unread, and Messages counts the read
    const pengFei = await hub.token({ corp: DEMO.corpId, role: Role.EMPLOYEE, union: PENG_FEI });
    await gql(`mutation($ids: [ID!]!) { markRead(messageIds: $ids) { __typename } }`, pengFei, { ids: [messageId] });
    await admin.getByRole('navigation').getByRole('link', { name: 'Overview', exact: true }).click();
    const urgent = admin.locator(`.urgent-messages li[data-message-id="${messageId}"]`);
    await urgent.waitFor();
    await expect(urgent.textContent()).resolves.toBe(`${title} ${SALES_SOUTH.length - 1} of ${SALES_SOUTH.length} have not read it`);
    await admin.getByRole('navigation').getByRole('link', { name: 'Messages', exact: true }).click();
    await waitFor('the read count', async () => (await admin.locator(`tr[data-message-id="${messageId}"] .read`).textContent()) === '1');
    await admin.screenshot({ path: path.join(ARTIFACTS, 'messages.png'), fullPage: true });
  });

  it('sends to people found by name and to a tag', async () => {
    const title = `First-aid refresher ${stamp}`;
    await admin.getByLabel('Tags').selectOption('first-aider');
    await admin.getByLabel('Find people by name').fill('Peng');
    await admin.getByRole('button', { name: 'Add Peng Fei' }).click();
    await admin.getByRole('button', { name: 'Remove Peng Fei' }).waitFor();
    await admin.getByLabel('Title').fill(title);
    await admin.getByLabel('Message', { exact: true }).fill('Thursday, room 2.');
    await admin.getByRole('button', { name: 'Send' }).click();
    // first-aiders: Wu Hao, Gao Bo, Tang Yu; and Peng Fei
    await admin.getByText('Sent to 4 people.').waitFor();
  });

  it('fits a phone: nothing wider than the screen on Messages, Approvals and the Overview', async () => {
    await admin.setViewportSize({ width: 390, height: 844 });
    const width = () => admin.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    for (const [screen, content] of [
      ['Messages', 'table.sent-messages'],
      ['Approvals', 'table.approvals-inbox'],
      ['Overview', '.installed-modules'],
    ]) {
      await admin.getByRole('navigation').getByRole('link', { name: screen, exact: true }).click();
      await admin.locator(content).waitFor();
      await expect(width()).resolves.toBeLessThanOrEqual(390);
    }
    await admin.screenshot({ path: path.join(ARTIFACTS, 'overview-phone.png'), fullPage: true });
    await admin.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows empty states in words: an employee with nothing to approve, and a list they may not read', async () => {
    const employee = await signedIn('Peng Fei', `${base}/console/approvals`);
    await employee.getByText('Nothing waits for your decision.').waitFor();
    await employee.getByRole('navigation').getByRole('link', { name: 'Messages', exact: true }).click();
    await employee.locator('.panel .state.error').first().waitFor();
    await expect(employee.locator('.panel .state.error').first().textContent()).resolves.toMatch(/^Could not load this: /);
  });

  it('signs GraphiQL in through the console: no token to paste', async () => {
    const page = await newPage();
    await page.goto(`${base}/graphiql`);
    await page.getByText('Sign in with your corp account: GraphiQL gets your token, nothing to paste.').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Wang Fang' }).click();
    await page.waitForURL(`${base}/graphiql`);
    await page.getByText('Signed in: your token is in the Headers tab.').waitFor();
    // the token left the address bar, and the editor runs queries with it
    expect(page.url()).toBe(`${base}/graphiql`);
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor();
    const answer = page.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().method() === 'POST' && (response.request().postData() ?? '').includes('me'));
    await page.getByRole('button', { name: /Execute query/ }).click();
    const body = (await (await answer).json()) as { data?: { me: { role: string } } };
    expect(body.data?.me.role).toBe('FINANCE');
  });

  it('asked nothing of any other host, and logged no error', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
