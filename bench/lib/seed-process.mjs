// Child process: migrates every subgraph's database and seeds it (seeders.mjs), the subgraphs side by
// side, then closes them; the parent stops it right after. Apart from the subgraphs' own processes, so
// that their memory is what serving takes, not what seeding left behind.
import { setImmediate } from 'node:timers';
import { serve } from './ipc.mjs';
import { loadWorkspace, loadSubgraphPackage } from './workspace.mjs';
import { seedAll } from '../seeders.mjs';

const { gateway, shared } = loadWorkspace();

serve({
  /** `databases`: a DatabaseTarget per subgraph name; `only`: these subgraphs (default all); `corps`: what seeders.mjs writes. */
  async seed({ databases, corps, only }) {
    const logger = shared.createLogger('bench-seed');
    const definitions = gateway.SUBGRAPHS.filter(({ name }) => !only || only.includes(name));
    const orms = {};
    try {
      // side by side: on PostgreSQL each schema migrates on its own connection
      await Promise.all(
        definitions.map(async (definition) => {
          orms[definition.name] = await shared.initOrm({ database: databases[definition.name], entities: definition.entities, migrations: definition.migrations, logger });
        }),
      );
      return await seedAll({ definitions, orms, corps, only, benchmarkPeople: gateway.benchmarkPeople, scopeToCorp: shared.scopeToCorp, analyzeDatabase: shared.analyzeDatabase, loadSubgraphPackage });
    } finally {
      await Promise.all(Object.values(orms).map((orm) => orm.close()));
    }
  },
  stop() {
    setImmediate(() => process.exit(0));
  },
});
