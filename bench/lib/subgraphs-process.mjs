// Child process: every subgraph of the hub on its own loopback port, on the bench database, seeded
// through the ORM (and, for the summary on the other dialect, a second set on that database). The parent
// asks it to count SQL statements around single requests.
import { setImmediate } from 'node:timers';
import { serve } from './ipc.mjs';
import { loadWorkspace, loadSubgraphPackage } from './workspace.mjs';
import { seedAll } from '../seeders.mjs';

const { gateway, shared, testing } = loadWorkspace();
const counter = new testing.QueryCounter();
let counting = false;

/**
 * The hubs this process serves: 'main' (the bench database, its statements counted) and, for the summary
 * on the other dialect, 'other'. Each: its ORMs, servers, and the gateway attendance reads the directory
 * through (a service call), once one runs.
 */
const hubs = new Map();
const hubNamed = (name = 'main') => {
  if (!hubs.has(name)) hubs.set(name, { running: [], orms: {}, gatewayUrl: undefined });
  return hubs.get(name);
};

async function stopHub(hub) {
  for (const resource of hub.running.splice(0).reverse()) await resource.stop();
}

serve({
  /** `databases`: a DatabaseTarget per subgraph name; `only`: these subgraphs (default all). Serves at once; `seed` writes the data. */
  async start({ hub: name = 'main', databases, only }) {
    const hub = hubNamed(name);
    const logger = shared.createLogger('bench-subgraphs');
    const security = shared.readSecurityConfig(process.env, 'subgraph');
    const urls = {};
    // side by side: on PostgreSQL each schema migrates on its own connection
    await Promise.all(
      gateway.SUBGRAPHS.filter(({ name: subgraph }) => !only || only.includes(subgraph)).map(async (definition) => {
        const orm = await shared.initOrm({
          database: databases[definition.name],
          entities: definition.entities,
          migrations: definition.migrations,
          logger,
          // the ORM reports every statement anyway; counting is switched on only around single requests
          onQuery: name === 'main' ? (sql) => counting && counter.record(definition.name, sql) : undefined,
        });
        hub.running.push({ stop: () => orm.close() });
        const server = await definition.createServer({
          orm,
          port: 0,
          host: '127.0.0.1',
          security,
          logger: logger.child({ subgraph: definition.name }),
          gatewayUrl: () => {
            if (!hub.gatewayUrl) throw new Error('no gateway yet');
            return hub.gatewayUrl;
          },
        });
        hub.running.push(server);
        urls[definition.name] = server.url;
        hub.orms[definition.name] = orm;
      }),
    );
    return { urls };
  },
  /** { corps, only? }: what seeders.mjs writes. */
  seed({ hub, corps, only }) {
    return seedAll({ definitions: gateway.SUBGRAPHS, orms: hubNamed(hub).orms, corps, only, benchmarkPeople: gateway.benchmarkPeople, scopeToCorp: shared.scopeToCorp, loadSubgraphPackage });
  },
  setGatewayUrl({ hub, url }) {
    hubNamed(hub).gatewayUrl = url;
  },
  countStart() {
    counter.reset();
    counting = true;
  },
  countStop() {
    counting = false;
    return Object.fromEntries(Object.keys(hubNamed('main').orms).map((name) => [name, counter.count(name)]));
  },
  /** One hub's servers and ORMs closed; the process goes on. */
  stopHub(name) {
    return stopHub(hubNamed(name));
  },
  async stop() {
    for (const hub of hubs.values()) await stopHub(hub);
    setImmediate(() => process.exit(0));
  },
});
