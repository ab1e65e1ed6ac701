import { SUBGRAPHS } from '@corphub/tooling';
import { initOrm } from '@corphub/module-kit';
import { testDatabase } from '@corphub/module-kit/testing';

describe('migrations at start-up', () => {
  it('run once when several replicas of a subgraph start together on one database', async () => {
    const database = await testDatabase('replicas');
    try {
      for (const definition of SUBGRAPHS) {
        const options = { database: database.targetFor(definition.name), entities: definition.entities, migrations: definition.migrations };
        const replicas = await Promise.all([1, 2, 3].map(() => initOrm(options)));
        const executed = await replicas[0].getMigrator().getExecutedMigrations();
        expect(executed.map((migration) => migration.name)).toEqual(definition.migrations[database.dialect].map((migration) => migration.name));
        for (const orm of replicas) await orm.close(true);
      }
    } finally {
      await database.drop();
    }
  });
});
