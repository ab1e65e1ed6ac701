// Child process: one gateway in front of the running subgraphs, on a free loopback port.
// Each kind is a few lines; all of them load the same supergraph file.
import http from 'node:http';
import { EventEmitter } from 'node:events';
import { setImmediate } from 'node:timers';
import { serve } from './ipc.mjs';
import { loadGateway } from './workspace.mjs';

export const CONTEXT_HEADER = 'x-corphub-context';

/** The supergraph with each subgraph's routing URL pointed at the running subgraph. */
export function withRoutingUrls(supergraphSdl, urls) {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (match, name) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : match,
  );
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

const closeServer = (server) => new Promise((resolve) => server.close(() => resolve()));

/** Hive Gateway: its runtime on node:http, forwarding the bench's verified context header to subgraphs. */
async function hive({ supergraphSdl, urls }, { deduplicate }) {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  // one abort listener per in-flight request on a shared signal: more than 10 is the load, not a leak
  EventEmitter.defaultMaxListeners = 1000;
  // Hive's logger reads LOG_LEVEL too, and refuses pino's "silent" (logging: false turns it off anyway)
  delete process.env.LOG_LEVEL;
  const runtime = createGatewayRuntime({
    supergraph: withRoutingUrls(supergraphSdl, urls),
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ [CONTEXT_HEADER]: request.headers.get(CONTEXT_HEADER) }),
    },
    // deduplicateInflightRequests is on by default: identical in-flight subgraph requests are sent once
    ...(deduplicate ? {} : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
  });
  const server = http.createServer(runtime);
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await closeServer(server);
      await runtime.dispose();
    },
  };
}

/** Plain Apollo Gateway 2 + Apollo Server 5 with default settings, copying the context header to subgraphs. */
async function apollo({ supergraphSdl, urls }) {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const gateway = new ApolloGateway({
    supergraphSdl: withRoutingUrls(supergraphSdl, urls),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request, context }) {
          if (context.verifiedContext) request.http?.headers.set(CONTEXT_HEADER, context.verifiedContext);
        },
      }),
  });
  const server = new ApolloServer({ gateway, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ verifiedContext: req.headers[CONTEXT_HEADER] }),
  });
  return { url, stop: () => server.stop() };
}

/**
 * Ours: the real gateway, as its production process runs it (gateway/src/main.ts: the hub manifest from
 * hub.json, no subgraph package loaded; caller token in, verified context out).
 */
async function ours({ supergraphSdl, urls }) {
  const { gateway, shared, hubFile } = loadGateway();
  const running = await gateway.startGateway({
    supergraphSdl,
    subgraphs: gateway.HubManifest.read(hubFile),
    subgraphUrls: urls,
    port: 0,
    host: '127.0.0.1',
    security: shared.readSecurityConfig(process.env),
    // the peers have no cost limit; ours keeps its other limits (depth, aliases, tokens) but lets the
    // dashboard at page 500 (cost about 48,000, over the default 30,000) through. Nor do they give up on a
    // subgraph after 10 s: on a busy shared machine, a cold subgraph's first dashboards (the check asks every
    // gateway at once) took longer; a slow answer is a figure to report (autocannon waits 30 s), not a failure
    config: { limits: { maxCost: 200_000 }, subgraphTimeoutMs: { default: 30_000 } },
    logger: shared.createLogger('bench-gateway'),
  });
  return { url: running.url.replace('localhost', '127.0.0.1'), stop: () => running.stop() };
}

export const GATEWAYS = {
  ours,
  hive: (options) => hive(options, { deduplicate: true }),
  'hive-nodedup': (options) => hive(options, { deduplicate: false }),
  apollo,
};

/** What each kind imports: loaded as soon as the process starts, while the subgraphs are still seeding. */
const MODULES = {
  ours: async () => loadGateway(),
  hive: () => import('@graphql-hive/gateway'),
  'hive-nodedup': () => import('@graphql-hive/gateway'),
  apollo: () => Promise.all([import('@apollo/gateway'), import('@apollo/server'), import('@apollo/server/standalone')]),
};

if (process.send) {
  // forked with its kind: load its modules now (a failure shows again when `start` imports them)
  MODULES[process.argv[2]]?.().catch(() => undefined);
  // one gateway a process (the other dialect's summary has a process of its own), so its RSS is that gateway's
  const running = new Map();
  serve({
    async start({ kind, supergraphSdl, urls }) {
      const start = GATEWAYS[kind];
      if (!start) throw new Error(`unknown gateway kind "${kind}"`);
      running.set(kind, await start({ supergraphSdl, urls }));
      return { url: running.get(kind).url };
    },
    async stop() {
      for (const gateway of running.values()) await gateway.stop();
      setImmediate(() => process.exit(0));
    },
  });
}
