import { startTestHub, type TestHub } from '@corphub/tooling/testing';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GraphiQL pages and assets', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ label: 'graphiql-page' });
  });
  afterAll(() => hub?.stop());

  it.each(['/graphiql', '/graphql'])('serves the page at %s to a browser, loading nothing from other hosts', async (path) => {
    const response = await fetch(new URL(path, hub.url), { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await response.text();
    expect(html).toContain('renderYogaGraphiQL');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"|from '([^']+)'/g)].map((match) => match[1] ?? match[2]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).not.toMatch(/^(https?:)?\/\//);
  });

  it.each([
    ['/graphiql/assets/yoga-graphiql.es.js', /javascript/],
    ['/graphiql/assets/graphiql.css', /text\/css/],
    ['/graphiql/assets/monacoeditorwork/editor.worker.bundle.js', /javascript/],
  ])('serves %s from node_modules', async (path, type) => {
    const response = await fetch(new URL(path, hub.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
  });

  it('offers a Sign in link through the console when the hub serves it, and none without it', async () => {
    const page = async (url: string) => (await fetch(new URL('/graphiql', url), { headers: { accept: BROWSER_ACCEPT } })).text();
    // the hub serves the built console (npm run build)
    expect(await page(hub.url)).toContain('<a href="console/graphiql">Sign in</a>');
    const bare = await startTestHub({ label: 'graphiql-no-console', gateway: { consoleDir: undefined } });
    try {
      const html = await page(bare.url);
      expect(html).toContain('renderYogaGraphiQL');
      expect(html).not.toContain('console/graphiql');
    } finally {
      await bare.stop();
    }
  });

  it('answers 404 for an asset that does not exist', async () => {
    expect((await fetch(new URL('/graphiql/assets/nope.js', hub.url))).status).toBe(404);
  });

  it('leaves GET /graphql to GraphQL clients that ask for JSON', async () => {
    const url = new URL(hub.url);
    url.searchParams.set('query', '{ __typename }');
    const response = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('can be switched off', async () => {
    const off = await startTestHub({ label: 'graphiql-off', gateway: { graphiql: false } });
    try {
      expect((await fetch(new URL('/graphiql', off.url), { headers: { accept: BROWSER_ACCEPT } })).status).toBe(404);
      // and Apollo's CDN landing page does not take its place
      const landing = await fetch(off.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(await landing.text()).not.toMatch(/apollographql|cdn\./);
    } finally {
      await off.stop();
    }
  });
});
