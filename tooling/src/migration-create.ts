/**
 * `npm run migration:create [-- <subgraph>...]`: for each subgraph, and for SQLite and PostgreSQL,
 * applies the committed migrations to a throwaway database and writes a migration for the
 * difference between that schema and the entities. PostgreSQL: DATABASE_URL or the local server.
 * A module outside the hub is named by its folder, e.g. `npm run migration:create -- ./examples/okr`.
 */
import path from 'node:path';
import { generateMigration, type SubgraphDefinition } from '@corphub/module-kit';
import { testDatabase } from '@corphub/module-kit/testing';
import { SUBGRAPHS, subgraphNamed } from './subgraphs';

/** A module outside the hub (e.g. `./examples/okr`): its built package exports a SubgraphDefinition. */
function moduleAt(folder: string): SubgraphDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(path.resolve(folder)) as Record<string, unknown>;
  const definition = Object.values(exported).find((value): value is SubgraphDefinition => typeof (value as SubgraphDefinition)?.buildSchema === 'function' && Array.isArray((value as SubgraphDefinition).entities));
  if (!definition) throw new Error(`${folder} exports no SubgraphDefinition`);
  return definition;
}

async function main() {
  const names = process.argv.slice(2);
  const definitions = names.length ? names.map((name) => (name.includes('/') ? moduleAt(name) : subgraphNamed(name))) : SUBGRAPHS;
  const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres' };
  for (const useEnv of [{}, env]) {
    const database = await testDatabase('migrations', useEnv);
    try {
      for (const definition of definitions) {
        const file = await generateMigration(definition, database.targetFor(definition.name));
        console.log(`${definition.name} (${database.dialect}): ${file ? `wrote ${file}` : 'up to date'}`);
      }
    } finally {
      await database.drop();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
