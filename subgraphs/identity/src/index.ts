import path from 'node:path';
import type { SubgraphDefinition } from '@corphub/shared';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { seedBenchmark, seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

export const identity: SubgraphDefinition = {
  name: 'identity',
  defaultPort: 4001,
  entities,
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  buildSchema,
  createServer,
  seedDemo,
  seedBenchmark,
};

export { entities, buildSchema, createServer };
export * from './corps/corp.entity';
export * from './people/person.entity';
export * from './apps/app.entity';
export * from './apps/installation.entity';
export * from './open-ids/open-id.entity';
export * from './registry/module-subgraph.entity';
export * from './registry/subgraph-version.entity';
export * from './registry/published-supergraph.entity';
export { SchemaRegistry } from './registry/registry.service';
