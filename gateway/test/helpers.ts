/** The development sign-in page driven as a browser does: plain HTTP, its CSRF cookie kept, its form posted. */

/** What the browser keeps from the sign-in page: its CSRF cookie, and the form's hidden token. */
export function browserState(page: Response, html: string): { cookie: string; csrfToken: string } {
  const setCookie = page.headers.getSetCookie().find((header) => header.startsWith('corphub_oauth_csrf='));
  expect(setCookie).toMatch(/; Path=\/oauth; HttpOnly; SameSite=Lax$/);
  const csrfToken = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1];
  expect(csrfToken).toBeDefined();
  return { cookie: setCookie!.split(';')[0], csrfToken: csrfToken! };
}

/** The sign-in form's post (`base`: the gateway's origin); redirects are read, not followed. */
export const postSignIn = (base: string, form: Record<string, string>, cookie?: string) =>
  fetch(`${base}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  });

const unescapeHtml = (value: string) => value.replace(/&(amp|lt|gt|quot|#39);/g, (_all, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);

/**
 * Opens an authorization URL and picks a person on the page: the form's hidden fields (the authorization
 * request and the CSRF token) are posted with the person's button. Answers the redirect's Location.
 */
export async function signInAt(authorizationUrl: string, unionId: string): Promise<URL> {
  const page = await fetch(authorizationUrl);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  const html = await page.text();
  expect(html).toContain(`value="${unionId}"`);
  const { cookie } = browserState(page, html);
  const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [unescapeHtml(name), unescapeHtml(value)]));
  const posted = await postSignIn(new URL(authorizationUrl).origin, { ...hidden, union_id: unionId }, cookie);
  expect(posted.status).toBe(302);
  return new URL(posted.headers.get('location')!);
}
