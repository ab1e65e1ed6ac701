import { defineSubgraph } from '@corphub/module-kit';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { seedBenchmark, seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

export const logs = defineSubgraph({
  name: 'logs',
  defaultPort: 4005,
  dir: __dirname,
  entities,
  migrations: { sqlite, postgresql },
  buildSchema,
  createServer,
  seedDemo,
  seedBenchmark,
});

export { entities, buildSchema, createServer };
export * from './work-logs/work-log.entity';
