import fs from 'node:fs';
import path from 'node:path';
import { DefaultLogger, MikroORM, type EntityManager, type LogContext, type LoggerOptions, type Options, type MigrationObject, type LoggerNamespace, type EntityClass, type EntitySchema } from '@mikro-orm/core';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { PostgreSqlDriver, PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { Client } from 'pg';
import { CorpScopeGuard } from './tenant';
import type { Logger } from './logger';
import { readEnv, type RawEnv } from './env';

export type Dialect = 'sqlite' | 'postgresql';

/** Migrations are generated per dialect (SQLite DDL is not PostgreSQL DDL) from the same entities. */
export type MigrationsByDialect = Record<Dialect, MigrationObject[]>;

/** Where a subgraph's data lives: an SQLite file (the embedded default) or a PostgreSQL schema. */
export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgresql'; url: string; schema: string };

export interface OrmOptions {
  database: DatabaseTarget;
  entities: (EntityClass<object> | EntitySchema)[];
  migrations: MigrationsByDialect;
  /** Receives every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  logger?: Logger;
  /** Extra MikroORM options (the migration generator sets paths). */
  overrides?: Partial<Options>;
}

/**
 * The database a subgraph uses: `DATABASE_URL` (PostgreSQL, one schema per subgraph named after it)
 * or an SQLite file per subgraph in the data folder.
 */
export function databaseTargetFromEnv(subgraph: string, dataDirectory: string, env?: RawEnv): DatabaseTarget {
  const url = readEnv(['DATABASE_URL'], env).DATABASE_URL;
  if (url) return { dialect: 'postgresql', url, schema: subgraph };
  return { dialect: 'sqlite', file: path.join(dataDirectory, `${subgraph}.sqlite`) };
}

/** The dialect behind an entity manager, for the few statements SQLite and PostgreSQL spell differently. */
export function dialectOf(em: EntityManager): Dialect {
  return em.getPlatform() instanceof PostgreSqlPlatform ? 'postgresql' : 'sqlite';
}

/**
 * For entity managers of background loops (outbox relay, webhook dispatcher): `orm.em.fork({ loggerContext: BACKGROUND })`.
 * Their statements are not handed to `onQuery`, so a test counting one request's SQL counts that request's only.
 */
export const BACKGROUND = { background: true } as const;

export function ormConfig({ database, entities, migrations, onQuery, overrides }: OrmOptions): Options {
  const logging: Partial<Options> = onQuery
    ? {
        debug: ['query'] as LoggerNamespace[],
        // hands over the plain SQL (the default logger colours and decorates it)
        loggerFactory: (loggerOptions: LoggerOptions) =>
          Object.assign(new DefaultLogger({ ...loggerOptions, writer: () => undefined }), {
            logQuery: (context: LogContext) => {
              if (!(context as { background?: boolean }).background) onQuery(context.query ?? '');
            },
          }),
      }
    : {};
  const common: Options = {
    entities,
    forceUtcTimezone: true,
    // unit of work flushes are explicit; nothing is lazily loaded behind a resolver's back
    allowGlobalContext: false,
    subscribers: [new CorpScopeGuard()],
    extensions: [Migrator],
    migrations: {
      migrationsList: migrations[database.dialect],
      transactional: true,
      allOrNothing: true,
      disableForeignKeys: false,
      snapshot: false,
      silent: true,
    },
    ...logging,
  };
  if (database.dialect === 'sqlite') {
    fs.mkdirSync(path.dirname(database.file), { recursive: true });
    // the planner's statistics (analyzeDatabase) are SQLite's own tables, with untyped columns the schema diff cannot read
    return { ...common, driver: LibSqlDriver, dbName: database.file, schemaGenerator: { skipTables: ['sqlite_stat1', 'sqlite_stat4'] }, ...overrides };
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: database.url,
    schema: database.schema,
    migrations: { ...common.migrations, tableName: `${database.schema}.mikro_orm_migrations` },
    ...overrides,
  };
}

/**
 * On PostgreSQL, replicas of one subgraph may start together: a session-level advisory lock per
 * schema lets one of them migrate while the others wait, instead of racing to create the same tables.
 */
async function withMigrationLock<T>(database: DatabaseTarget, run: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'postgresql') return run();
  const lock = new Client({ connectionString: database.url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [`corphub:migrate:${database.schema}`]);
    return await run();
  } finally {
    await lock.end();
  }
}

/** Rows SQLite's ANALYZE samples per index: statistics good enough to choose an index, in milliseconds even on a large file. */
const SQLITE_ANALYSIS_LIMIT = 1000;

/**
 * Refreshes the query planner's statistics of this database (on PostgreSQL, of this subgraph's schema).
 * SQLite keeps none until ANALYZE runs, and without them it takes any indexed equality as selective: it read
 * a claimant's line items through `corp_id = ?` (every row of the corp) instead of the claimant's index. Run
 * after bulk writes (the seeds) and, on SQLite, by every subgraph server at its start and every hour.
 */
export async function analyzeDatabase(orm: MikroORM): Promise<void> {
  const connection = orm.em.getConnection();
  if (!(orm.em.getPlatform() instanceof PostgreSqlPlatform)) {
    await connection.execute(`pragma analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`, [], 'run');
    await connection.execute('analyze', [], 'run');
    return;
  }
  const schema = orm.config.get('schema');
  const names = Object.values(orm.getMetadata().getAll())
    .filter((meta) => !meta.embeddable && !meta.abstract && !meta.virtual && meta.tableName)
    .map((meta) => `"${schema}"."${meta.tableName}"`);
  if (names.length) await connection.execute(`analyze ${[...new Set(names)].join(', ')}`, [], 'run');
}

/** Opens the database and brings its schema up to date with the committed migrations. */
export async function initOrm(options: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(options));
  try {
    const applied = await withMigrationLock(options.database, async () => {
      if (options.database.dialect === 'postgresql') {
        await orm.em.getConnection().execute(`create schema if not exists "${options.database.schema}"`);
      }
      return orm.getMigrator().up();
    });
    if (applied.length > 0) options.logger?.info({ migrations: applied.map((migration) => migration.name) }, 'applied migrations');
    return orm;
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
