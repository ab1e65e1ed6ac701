import path from 'node:path';
import express, { Router } from 'express';

/** The prebuilt GraphiQL bundle of @graphql-yoga/graphiql (GraphiQL 5, React, Monaco), from node_modules. */
const GRAPHIQL_DIST = path.dirname(require.resolve('@graphql-yoga/graphiql'));

const DEFAULT_QUERY = `# Corphub: one graph over every module your corp installed.
# Paste your token in Headers below (npm run token -- --corp <corpId> --role analyst),
# then run with Ctrl-Enter. Docs: the book icon on the left; history: the clock.
{
  me {
    role
    corp { id name }
  }
}
`;

const DEFAULT_HEADERS = `{
  "Authorization": "Bearer <paste your token here>"
}`;

/** Everything the page loads comes from the hub itself: no CDN, works with no internet. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
].join('; ');

/**
 * With the console served, a bar above GraphiQL signs in through it (the hub's OAuth, PKCE) and comes back with the
 * token in the URL fragment, so nobody pastes one; the token's holder is named once GraphiQL has it.
 */
function signInBar(signInPath: string): string {
  return `<div class="corphub-sign-in" role="region" aria-label="Sign-in">
    <span id="corphub-signed-in" hidden>Signed in: your token is in the Headers tab.</span>
    <span id="corphub-signed-out">Sign in with your corp account: GraphiQL gets your token, nothing to paste.</span>
    <a href="${signInPath}">Sign in</a>
  </div>`;
}

function page(endpoint: string, signInPath?: string): string {
  // `query` is the first tab's text in @graphql-yoga/graphiql 4.5 (its `defaultQuery` is not read there)
  const options = { endpoint, title: 'Corphub', query: DEFAULT_QUERY, defaultHeaders: DEFAULT_HEADERS };
  // JSON in a script: `<` escaped so no string can close the tag
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Corphub GraphiQL</title>
  <link rel="stylesheet" href="graphiql/assets/graphiql.css">
  <style>
    html, body { height: 100%; margin: 0; }
    body { display: flex; flex-direction: column; }
    #root { flex: 1; min-height: 0; }
    .corphub-sign-in { display: flex; gap: 1em; align-items: center; padding: 6px 12px; font: 14px system-ui, sans-serif; background: #eef3fb; border-bottom: 1px solid #c9d6ea; }
    .corphub-sign-in a { font-weight: 600; }
  </style>
</head>
<body>
  ${signInPath ? signInBar(signInPath) : ''}
  <div id="root"></div>
  <script>
    // Monaco's editor, JSON and GraphQL language workers, served beside the bundle
    const workers = new URL('graphiql/assets/monacoeditorwork/', document.baseURI);
    globalThis.MonacoEnvironment = {
      getWorker(_id, label) {
        const file = label === 'json' ? 'json.worker.bundle.js' : label === 'graphql' ? 'graphql.worker..bundle.js' : 'editor.worker.bundle.js';
        return new Worker(new URL(file, workers));
      },
    };
  </script>
  <script type="module">
    import { renderYogaGraphiQL } from './graphiql/assets/yoga-graphiql.es.js';
    // plugins: undefined restores GraphiQL's own History (Yoga replaces it with its query builder);
    // the docs explorer is GraphiQL's reference plugin, always there
    // signed in from the console: its token arrives in the fragment (never sent to a server) and goes into the headers
    const options = ${json};
    const token = new URLSearchParams(location.hash.slice(1)).get('access_token');
    if (token) {
      options.defaultHeaders = JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2);
      options.headers = options.defaultHeaders;
      history.replaceState(null, '', location.pathname + location.search);
      for (const [id, hidden] of [['corphub-signed-in', false], ['corphub-signed-out', true]]) {
        const element = document.getElementById(id);
        if (element) element.hidden = hidden;
      }
    }
    renderYogaGraphiQL(document.getElementById('root'), { ...options, plugins: undefined });
  </script>
</body>
</html>
`;
}

/**
 * GraphiQL at GET /graphiql, and at GET /graphql for a browser (Accept: text/html); API clients
 * that GET /graphql fall through to Apollo. Headers editor (for the token), docs explorer and
 * history are GraphiQL's own. Mounted at the root, with the gateway's GraphQL path. `signInPath` (relative to the
 * page: the console's `console/graphiql`) adds the sign-in bar.
 */
export function graphiqlRoutes(graphqlPath = '/graphql', options: { signInPath?: string } = {}): Router {
  const router = Router();
  const endpoint = `.${graphqlPath}`;
  const sendPage = (_req: express.Request, res: express.Response) => {
    res.set('content-security-policy', CONTENT_SECURITY_POLICY).type('html').send(page(endpoint, options.signInPath));
  };
  router.use('/graphiql/assets', express.static(GRAPHIQL_DIST, { maxAge: '1d', fallthrough: false }));
  router.get('/graphiql', sendPage);
  router.get(graphqlPath, (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html') sendPage(req, res);
    else next();
  });
  return router;
}
