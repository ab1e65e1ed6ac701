/** The development sign-in page and the error page of /oauth/authorize: small, server-rendered, no scripts. */

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.3rem}button{display:block;width:100%;margin:.4rem 0;padding:.7rem;font-size:1rem;text-align:left;border:1px solid #bbb;border-radius:6px;background:#fafafa;cursor:pointer}
button:hover{background:#eef}small{color:#666}.error{color:#a00}</style></head>
<body>${body}</body></html>`;

export interface SignInPage {
  appName: string;
  vendor: string;
  corpId: string;
  people: { unionId: string; displayName: string }[];
  /** The authorization request's parameters, carried through the form. */
  params: Record<string, string>;
}

export function signInPage({ appName, vendor, corpId, people, params }: SignInPage): string {
  const hidden = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('');
  const buttons = people.length
    ? people.map((person) => `<button type="submit" name="union_id" value="${escape(person.unionId)}">${escape(person.displayName)}</button>`).join('')
    : '<p>This corp has no people yet.</p>';
  return layout(
    `Sign in to ${appName}`,
    `<h1>Sign in to ${escape(appName)}</h1>
<p><small>${escape(vendor)} · corp <code>${escape(corpId)}</code> · development sign-in: pick who you are.</small></p>
<form method="post" action="authorize">${hidden}${buttons}</form>`,
  );
}

export function errorPage(error: string, description: string): string {
  return layout('Sign-in error', `<h1 class="error">Sign-in error: ${escape(error)}</h1><p>${escape(description)}</p>`);
}
