/**
 * What tooling's browser tests share: Debian's Chromium (playwright-core) in a fresh profile that may reach only
 * this machine, with every other address it asks for and every page error remembered for the test to check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Screenshots (git-ignored). */
export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'console');

export interface LocalBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Addresses other than this machine's that the page asked for (refused). */
  outside: string[];
  /** Uncaught page errors and console errors. */
  pageErrors: string[];
}

export async function launchLocalBrowser(options: BrowserContextOptions = {}): Promise<LocalBrowser> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // playwright gives every launch a fresh, throwaway profile (its own --user-data-dir)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', ...options });
  const outside: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  return { browser, context, page, outside, pageErrors };
}
