// Child process: ONE subgraph of the hub, as production runs it (its own process, `runSubgraph`), on a
// loopback port, on a database the seed process (seed-process.mjs) has migrated and seeded. It loads the
// module kit and its own package only, so its RSS is what that subgraph's process would hold. The parent
// asks it to count SQL statements around single requests; for the summary on the other dialect it serves
// a second instance ('other' hub) on that database.
import { setImmediate } from 'node:timers';
import { serve } from './ipc.mjs';
import { loadModuleKit, loadQueryCounter, loadSubgraphPackage } from './workspace.mjs';

const name = process.argv[2];
const { shared } = loadModuleKit();
const pkg = loadSubgraphPackage(name);
// the package exports its SubgraphDefinition under the subgraph's name (`export const directory = defineSubgraph(...)`)
const definition = pkg[name] ?? Object.values(pkg).find((value) => value?.name === name && typeof value.createServer === 'function');
if (!definition) throw new Error(`@corphub/${name} exports no subgraph definition named "${name}"`);
const QueryCounter = loadQueryCounter();
const counter = new QueryCounter();
let counting = false;

/** The instances this process serves by hub ('main', 'other'): their ORM, server, and the gateway the subgraph calls (a service call). */
const hubs = new Map();

async function stopHub(hubName) {
  const hub = hubs.get(hubName);
  hubs.delete(hubName);
  if (!hub) return;
  await hub.server.stop();
  await hub.orm.close();
}

serve({
  /** `database`: this subgraph's DatabaseTarget (already migrated by the seed process: migrating again is a no-op). */
  async start({ hub: hubName = 'main', database }) {
    const logger = shared.createLogger(`bench-${name}`);
    const orm = await shared.initOrm({
      database,
      entities: definition.entities,
      migrations: definition.migrations,
      logger,
      // the ORM reports every statement anyway; counting is switched on only around single requests
      onQuery: hubName === 'main' ? (sql) => counting && counter.record(name, sql) : undefined,
    });
    const hub = { orm, server: null, gatewayUrl: undefined };
    hubs.set(hubName, hub);
    hub.server = await definition.createServer({
      orm,
      port: 0,
      host: '127.0.0.1',
      security: shared.readSecurityConfig(process.env, 'subgraph'),
      logger: logger.child({ subgraph: name }),
      gatewayUrl: () => {
        if (!hub.gatewayUrl) throw new Error('no gateway yet');
        return hub.gatewayUrl;
      },
    });
    return { url: hub.server.url };
  },
  setGatewayUrl({ hub = 'main', url }) {
    if (hubs.has(hub)) hubs.get(hub).gatewayUrl = url;
  },
  countStart() {
    counter.reset();
    counting = true;
  },
  countStop() {
    counting = false;
    return counter.count(name);
  },
  /** One hub's server and ORM closed; the process goes on. */
  stopHub(hubName) {
    return stopHub(hubName);
  },
  async stop() {
    for (const hubName of [...hubs.keys()]) await stopHub(hubName);
    setImmediate(() => process.exit(0));
  },
});
