import { EntitySchema, type MikroORM } from '@mikro-orm/core';
import { analyzeDatabase, initOrm } from '@corphub/module-kit';
import { testDatabase, type TestDatabase } from '@corphub/module-kit/testing';

interface Reading {
  id: number;
  owner: string;
}

const Reading = new EntitySchema<Reading>({
  name: 'Reading',
  tableName: 'reading',
  properties: { id: { type: 'integer', primary: true }, owner: { type: 'string', index: true } },
});

describe('analyzeDatabase', () => {
  let database: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await testDatabase('analyze');
    orm = await initOrm({ database: database.targetFor('readings'), entities: [Reading], migrations: { sqlite: [], postgresql: [] } });
    await orm.schema.createSchema();
    const rows = Array.from({ length: 200 }, (_, i) => `(${i + 1}, 'owner-${i % 20}')`).join(', ');
    await orm.em.getConnection().execute(`insert into ${database.dialect === 'postgresql' ? '"readings".' : ''}reading (id, owner) values ${rows}`, [], 'run');
  });

  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  /** What the planner knows of the table: SQLite's sqlite_stat1 rows, PostgreSQL's pg_stats columns. */
  async function statistics(): Promise<number> {
    const connection = orm.em.getConnection();
    if (database.dialect === 'postgresql') {
      const [row] = await connection.execute<{ n: string }[]>(`select count(*) as n from pg_stats where schemaname = 'readings' and tablename = 'reading'`);
      return Number(row.n);
    }
    const [table] = await connection.execute<{ n: number }[]>(`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`);
    if (!Number(table.n)) return 0;
    const [row] = await connection.execute<{ n: number }[]>(`select count(*) as n from sqlite_stat1 where tbl = 'reading'`);
    return Number(row.n);
  }

  it('gives the planner statistics of the tables a bulk write just filled', async () => {
    expect(await statistics()).toBe(0);
    await analyzeDatabase(orm);
    expect(await statistics()).toBeGreaterThan(0);
  });

  it('leaves the schema diff working after it (SQLite keeps its statistics in tables of its own)', async () => {
    await expect(orm.schema.getUpdateSchemaSQL({ safe: true })).resolves.toBe('');
  });
});
