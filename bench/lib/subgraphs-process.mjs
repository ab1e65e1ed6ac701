// Child process: every subgraph of the hub on its own loopback port, on the bench database, seeded
// through the ORM. The parent asks it to count SQL statements around single requests.
import { setImmediate } from 'node:timers';
import { serve } from './ipc.mjs';
import { loadWorkspace, loadSubgraphPackage } from './workspace.mjs';
import { seedAll } from '../seeders.mjs';

const { gateway, shared, testing } = loadWorkspace();
const running = [];
const counter = new testing.QueryCounter();
let counting = false;
// attendance reads the directory through the gateway (a service call): our gateway, once it runs
let gatewayUrl;

serve({
  /** `databases`: a DatabaseTarget per subgraph name. Seeds when `seed` is given ({ corps, only? }). */
  async start({ databases, seed }) {
    const logger = shared.createLogger('bench-subgraphs');
    const security = shared.readSecurityConfig(process.env, 'subgraph');
    const urls = {};
    const orms = {};
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
    const seeded = seed
      ? await seedAll({
          definitions: gateway.SUBGRAPHS,
          orms,
          corps: seed.corps,
          only: seed.only,
          benchmarkPeople: gateway.benchmarkPeople,
          scopeToCorp: shared.scopeToCorp,
          loadSubgraphPackage,
        })
      : null;
    return { urls, seeded };
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
