// Child process: every subgraph of the hub on its own loopback port, on the bench database, seeded
// through the ORM. The parent asks it to count SQL statements around single requests.
import { setImmediate } from 'node:timers';
import { serve } from './ipc.mjs';
import { loadWorkspace, loadSubgraphPackage } from './workspace.mjs';
import { seedAll } from '../seeders.mjs';

const { gateway, shared, testing } = loadWorkspace();
const running = [];
const orms = {};
const counter = new testing.QueryCounter();
let counting = false;
// attendance reads the directory through the gateway (a service call): our gateway, once it runs
let gatewayUrl;

serve({
  /** `databases`: a DatabaseTarget per subgraph name. Serves at once; `seed` writes the data. */
  async start({ databases }) {
    const logger = shared.createLogger('bench-subgraphs');
    const security = shared.readSecurityConfig(process.env, 'subgraph');
    const urls = {};
    for (const definition of gateway.SUBGRAPHS) {
      const orm = await shared.initOrm({
        database: databases[definition.name],
        entities: definition.entities,
        migrations: definition.migrations,
        logger,
        // the ORM reports every statement anyway; counting is switched on only around single requests
        onQuery: (sql) => counting && counter.record(definition.name, sql),
      });
      running.push({ stop: () => orm.close() });
      const server = await definition.createServer({
        orm,
        port: 0,
        host: '127.0.0.1',
        security,
        logger: logger.child({ subgraph: definition.name }),
        gatewayUrl: () => {
          if (!gatewayUrl) throw new Error('no gateway yet');
          return gatewayUrl;
        },
      });
      running.push(server);
      urls[definition.name] = server.url;
      orms[definition.name] = orm;
    }
    return { urls };
  },
  /** { corps, only? }: what seeders.mjs writes; the servers answer meanwhile (the gateways start beside it). */
  seed({ corps, only }) {
    return seedAll({ definitions: gateway.SUBGRAPHS, orms, corps, only, benchmarkPeople: gateway.benchmarkPeople, scopeToCorp: shared.scopeToCorp, loadSubgraphPackage });
  },
  setGatewayUrl(url) {
    gatewayUrl = url;
  },
  countStart() {
    counter.reset();
    counting = true;
  },
  countStop() {
    counting = false;
    return Object.fromEntries(gateway.SUBGRAPHS.map(({ name }) => [name, counter.count(name)]));
  },
  async stop() {
    for (const resource of running.splice(0).reverse()) await resource.stop();
    setImmediate(() => process.exit(0));
  },
});
