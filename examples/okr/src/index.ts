import path from 'node:path';
import type { SubgraphDefinition } from '@corphub/module-kit';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

/** What the hub's tools (migrations, tests) need to run this module; the gateway only needs its URL and SDL. */
export const okr: SubgraphDefinition = {
  name: 'okr',
  // a third party: verifies the gateway with its public key (CORPHUB_CONTEXT_JWKS_URL), holds no hub secret
  vendor: true,
  defaultPort: 4010,
  entities,
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  buildSchema,
  createServer,
  seedDemo,
};

export { entities, buildSchema, createServer, seedDemo };
export { DEMO_QUARTER } from './seed';
export * from './entities';
