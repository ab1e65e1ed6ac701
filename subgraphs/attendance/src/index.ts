import { defineSubgraph } from '@corphub/module-kit';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { seedBenchmark, seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

export const attendance = defineSubgraph({
  name: 'attendance',
  routes: ['/attendance'],
  defaultPort: 4003,
  dir: __dirname,
  entities,
  migrations: { sqlite, postgresql },
  buildSchema,
  createServer,
  seedDemo,
  seedBenchmark,
});

export { entities, buildSchema, createServer };
export { clock } from './clock';
export { distanceMeters } from './geo';
export * from './rules/rule.entity';
export * from './check-ins/check-in.entity';
export * from './leave/leave.entity';
export * from './make-ups/make-up.entity';
