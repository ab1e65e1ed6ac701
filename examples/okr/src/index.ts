import { defineSubgraph } from '@corphub/module-kit';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

/** What the hub's tools (migrations, tests) need to run this module; the gateway only needs its URL and SDL. */
export const okr = defineSubgraph({
  name: 'okr',
  // a third party: verifies the gateway with its public key (CORPHUB_CONTEXT_JWKS_URL), holds no hub secret
  vendor: true,
  defaultPort: 4010,
  dir: __dirname,
  entities,
  migrations: { sqlite, postgresql },
  buildSchema,
  createServer,
  seedDemo,
});

export { entities, buildSchema, createServer, seedDemo };
export { DEMO_CORP, DEMO_OWNERS, DEMO_QUARTER } from './seed';
export { Objective, ObjectiveStatus } from './objectives/objective.entity';
export { OBJECTIVE_SUBJECT } from './objectives/objective.publish';
export { KeyResult } from './key-results/key-result.entity';
