/**
 * `npm run migration:create [-- <subgraph>...]`: for each subgraph, and for SQLite and PostgreSQL,
 * applies the committed migrations to a throwaway database and writes a migration for the
 * difference between that schema and the entities. PostgreSQL: DATABASE_URL or the local server.
 */
import { generateMigration } from '@corphub/shared';
import { testDatabase } from '@corphub/shared/testing';
import { SUBGRAPHS, subgraphNamed } from './subgraphs';

async function main() {
  const names = process.argv.slice(2);
  const definitions = names.length ? names.map(subgraphNamed) : SUBGRAPHS;
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
