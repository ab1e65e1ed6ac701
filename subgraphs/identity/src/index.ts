import { defineSubgraph } from '@corphub/module-kit';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { seedBenchmark, seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

export const identity = defineSubgraph({
  name: 'identity',
  core: true,
  provides: ['registry', 'access', 'login'],
  defaultPort: 4001,
  dir: __dirname,
  entities,
  migrations: { sqlite, postgresql },
  buildSchema,
  createServer,
  seedDemo,
  seedBenchmark,
});

export { entities, buildSchema, createServer };
export * from './corps/corp.entity';
export * from './people/person.entity';
export * from './apps/app.entity';
export * from './apps/installation.entity';
export * from './open-ids/open-id.entity';
export * from './apps/app-integration.entity';
export * from './webhooks/webhook.entity';
export { signWebhook, verifyWebhook, webhookHeaders, WEBHOOK_ID_HEADER, WEBHOOK_TIMESTAMP_HEADER, WEBHOOK_SIGNATURE_HEADER } from './webhooks/webhook.signature';
export { recordWebhookEvent } from './webhooks/webhook.outbox';
export { isInternalAddress } from './webhooks/webhook.address';
export { webhooksAllowPrivate } from './webhooks/webhook.dispatcher';
export * from './registry/module-subgraph.entity';
export * from './registry/subgraph-version.entity';
export * from './registry/published-supergraph.entity';
export * from './admin-roles/admin-role.entity';
export * from './audit/audit-entry.entity';
export { SchemaRegistry } from './registry/registry.service';
export * from './registry/registry.checks';
export * from './registry/registry.notice';
