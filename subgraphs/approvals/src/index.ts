import { defineSubgraph } from '@corphub/module-kit';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

/** The hub's approval engine: core, since every module of every corp routes its approvals through it. */
export const approvals = defineSubgraph({
  name: 'approvals',
  core: true,
  defaultPort: 4008,
  dir: __dirname,
  entities,
  migrations: { sqlite, postgresql },
  buildSchema,
  createServer,
  seedDemo,
});

export { entities, buildSchema, createServer };
export * from './approvals/approval.entity';
export { APPROVAL_DECIDED } from './approvals/approval.service';
