import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { ormConfig, type DatabaseTarget, type Dialect } from './orm';
import type { SubgraphDefinition } from './definition';
import { testDatabase } from './testing/database';
import { readEnv, type RawEnv } from './env';

/** Rewrites a dialect folder's index.ts so the migrations are imported explicitly (no globbing at run time). */
export function writeMigrationIndex(folder: string): string[] {
  const names = fs
    .readdirSync(folder)
    .filter((file) => /^Migration\d+.*\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  const lines = [
    '// Written by `npm run migration:create`: the migrations of this dialect, oldest first.',
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...names.map((name) => `import { ${name} } from './${name}';`),
    '',
    `export const migrations: MigrationObject[] = [${names.map((name) => `\n  { name: '${name}', class: ${name} },`).join('')}${names.length ? '\n' : ''}];`,
    '',
  ];
  fs.writeFileSync(path.join(folder, 'index.ts'), lines.join('\n'));
  return names;
}

/**
 * Applies a subgraph's committed migrations to an empty database of one dialect, then writes a new
 * migration for whatever its entities add. Returns the new file, or undefined when nothing changed.
 */
export async function generateMigration(definition: SubgraphDefinition, database: DatabaseTarget): Promise<string | undefined> {
  const dialect: Dialect = database.dialect;
  const folder = path.join(definition.migrationsDir, dialect);
  fs.mkdirSync(folder, { recursive: true });
  const orm = await MikroORM.init(
    ormConfig({
      database,
      entities: definition.entities,
      migrations: definition.migrations,
      overrides: { migrations: { ...ormConfig({ database, entities: [], migrations: definition.migrations }).migrations, path: folder, pathTs: folder, emit: 'ts' } },
    }),
  );
  try {
    if (database.dialect === 'postgresql') await orm.em.getConnection().execute(`create schema if not exists "${database.schema}"`);
    const migrator = orm.getMigrator();
    await migrator.up();
    const result = await migrator.createMigration(folder);
    if (result.diff.up.length === 0) return undefined;
    writeMigrationIndex(folder);
    return result.fileName;
  } finally {
    await orm.close(true);
  }
}

/** PostgreSQL for `migration:create` when DATABASE_URL is unset: the local server. */
const LOCAL_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * `npm run migration:create` (the hub's, a module's own): for each definition, in SQLite and in PostgreSQL
 * (DATABASE_URL, or the local server), writes a migration for what its entities add to its committed ones.
 */
export async function createMigrations(definitions: SubgraphDefinition[], env?: RawEnv, report = (line: string) => console.log(line)): Promise<void> {
  for (const dialectEnv of [{}, { DATABASE_URL: readEnv(['DATABASE_URL'], env).DATABASE_URL ?? LOCAL_POSTGRES }]) {
    const database = await testDatabase('migrations', dialectEnv);
    try {
      for (const definition of definitions) {
        const file = await generateMigration(definition, database.targetFor(definition.name));
        report(`${definition.name} (${database.dialect}): ${file ? `wrote ${file}` : 'up to date'}`);
      }
    } finally {
      await database.drop();
    }
  }
}
