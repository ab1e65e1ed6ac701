/**
 * `npm run migration:create [-- <subgraph>...]`: for each subgraph, and for SQLite and PostgreSQL,
 * applies the committed migrations to a throwaway database and writes a migration for the
 * difference between that schema and the entities. PostgreSQL: DATABASE_URL or the local server.
 * A module in this checkout is named by its folder, e.g. `npm run migration:create -- ./examples/okr`; a module
 * outside it runs its own (`npm run migration:create` there: one copy of MikroORM must load its entities).
 */
import path from 'node:path';
import { createMigrations, exitOnInvalidEnv, type SubgraphDefinition } from '@corphub/module-kit';
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
  exitOnInvalidEnv('migration:create', ['cli']);
  const names = process.argv.slice(2);
  await createMigrations(names.length ? names.map((name) => (name.includes('/') ? moduleAt(name) : subgraphNamed(name))) : SUBGRAPHS);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
