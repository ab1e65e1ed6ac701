import path from 'node:path';
import type { SubgraphDefinition } from '@corphub/shared';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { seedBenchmark, seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

export const expenses: SubgraphDefinition = {
  name: 'expenses',
  defaultPort: 4004,
  entities,
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  buildSchema,
  createServer,
  seedDemo,
  seedBenchmark,
};

export { entities, buildSchema, createServer };
export * from './claims/claim.entity';
