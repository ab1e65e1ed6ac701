import fs from 'node:fs';
import { composeSupergraph, readSupergraph, SUBGRAPHS, subgraphSchemaFile } from '@corphub/tooling';
import { initOrm } from '@corphub/module-kit';
import { testDatabase } from '@corphub/module-kit/testing';

describe('committed schema files', () => {
  it('match the code: run `npm run compose` after changing a schema', async () => {
    const { supergraphSdl, subgraphSdl } = await composeSupergraph(SUBGRAPHS);
    for (const definition of SUBGRAPHS) {
      expect({ [definition.name]: fs.readFileSync(subgraphSchemaFile(definition), 'utf8') }).toEqual({ [definition.name]: subgraphSdl[definition.name] });
    }
    expect(readSupergraph()).toEqual(supergraphSdl);
  });
});

describe('committed migrations', () => {
  it('exist for SQLite and PostgreSQL alike', () => {
    for (const definition of SUBGRAPHS) {
      const names = (dialect: 'sqlite' | 'postgresql') => definition.migrations[dialect].map((migration) => migration.name.replace(/\d+$/, ''));
      expect(definition.migrations.sqlite.length).toBeGreaterThan(0);
      expect(names('postgresql')).toEqual(names('sqlite'));
    }
  });

  it.each(SUBGRAPHS.map((definition) => [definition.name, definition]))(
    'bring %s to exactly what its entities describe: run `npm run migration:create` after changing an entity',
    async (_name, definition) => {
      const database = await testDatabase(`migrations_${definition.name}`);
      const orm = await initOrm({ database: database.targetFor(definition.name), entities: definition.entities, migrations: definition.migrations });
      try {
        expect(await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false })).toBe('');
      } finally {
        await orm.close(true);
        await database.drop();
      }
    },
  );
});
