/**
 * `npm run seed -- --employees 10000 [--corp bench]`: a large corp for benchmarks, written straight through
 * each subgraph's ORM in batches (the graph would take minutes), on the same databases `npm start` uses
 * (DATABASE_URL, or the SQLite files in CORPHUB_DATA_DIR). Then sign a token with `npm run token -- --corp bench`.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { analyzeDatabase, createLogger, dataDir, databaseTargetFromEnv, exitOnInvalidEnv, initOrm, type DemoPerson } from '@corphub/module-kit';
import { SUBGRAPHS } from './subgraphs';

/** Opaque like every unionId: random, not derived from the row number. */
const benchUnionId = () => `un_${randomBytes(10).toString('hex')}`;

export function benchmarkPeople(count: number, corpId: string): DemoPerson[] {
  return Array.from({ length: count }, (_, i) => ({ unionId: benchUnionId(), displayName: `Bench Person ${i + 1}`, email: `person${i + 1}@${corpId}.example` }));
}

async function main() {
  const { values } = parseArgs({ options: { employees: { type: 'string', default: '10000' }, corp: { type: 'string', default: 'bench' } } });
  const count = Number(values.employees);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error('--employees must be a whole number from 1 to 1000000');
  if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(values.corp)) throw new Error('--corp must be 2–64 lowercase letters, digits or dashes');
  const logger = createLogger('seed');
  const corp = { corpId: values.corp, corpName: `Benchmark corp (${count} employees)`, people: benchmarkPeople(count, values.corp) };
  for (const definition of SUBGRAPHS) {
    if (!definition.seedBenchmark) continue;
    const orm = await initOrm({ database: databaseTargetFromEnv(definition.name, dataDir()), entities: definition.entities, migrations: definition.migrations, logger });
    try {
      const started = Date.now();
      await definition.seedBenchmark(orm, corp);
      // as after any bulk load: the planner's statistics of the tables just filled
      await analyzeDatabase(orm);
      console.log(`${definition.name}: seeded corp "${corp.corpId}" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await orm.close();
    }
  }
  console.log(`Done. A token for it: npm run token -- --corp ${corp.corpId} --role admin`);
}

if (require.main === module) {
  exitOnInvalidEnv('seed', ['cli']);
  main().catch((error: Error) => {
    console.error(`seed: ${error.message}`);
    process.exit(1);
  });
}
