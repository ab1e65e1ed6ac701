// Child process: every subgraph of the hub on its own loopback port, on the bench database, seeded
// through the ORM. The parent asks it to count SQL statements around single requests.
import { setImmediate } from 'node:timers';
import { serve } from './ipc.mjs';
import { loadWorkspace, loadSubgraphPackage } from './workspace.mjs';
import { seeders } from '../seeders.mjs';

const { gateway, shared, testing } = loadWorkspace();
const running = [];
const counter = new testing.QueryCounter();
let counting = false;

serve({
  /** `databases`: a DatabaseTarget per subgraph name. Seeds when `seed` is given. */
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
      const server = await definition.createServer({ orm, port: 0, host: '127.0.0.1', security, logger: logger.child({ subgraph: definition.name }) });
      running.push(server);
      urls[definition.name] = server.url;
      orms[definition.name] = orm;
    }
    let seeded = null;
    if (seed) {
      const started = Date.now();
      const state = {};
      const done = [];
      for (const seeder of seeders) {
        if (!orms[seeder.subgraph]) continue;
        for (const corp of seed.corps) {
          await seeder.seed({ orm: orms[seeder.subgraph], corp, state, scopeToCorp: shared.scopeToCorp, entities: loadSubgraphPackage(seeder.subgraph) });
        }
        done.push(seeder.name);
      }
      seeded = { seeders: done, ms: Date.now() - started, summary: state.summary ?? {} };
    }
    return { urls, seeded };
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
