import { defineSubgraph } from '@corphub/module-kit';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { seedBenchmark, seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

export const directory = defineSubgraph({
  name: 'directory',
  core: true,
  provides: ['people-scope'],
  defaultPort: 4002,
  dir: __dirname,
  entities,
  migrations: { sqlite, postgresql },
  buildSchema,
  createServer,
  seedDemo,
  seedBenchmark,
});

export { entities, buildSchema, createServer };
export * from './departments/department.entity';
export * from './employees/employee.entity';
export * from './tags/tag.entity';
export { OutboxEvent } from '@corphub/module-kit';
