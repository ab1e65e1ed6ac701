import path from 'node:path';
import type { CreateServerOptions, SubgraphDefinition } from '@corphub/module-kit';
import { entities } from './entities';
import { buildSchema } from './schema';
import { createServer } from './server';
import { messagesConfigFromEnv, type MessagesConfig } from './services';
import { seedDemo } from './seed';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';

/** The messages subgraph with explicit settings (tests: a Redis prefix of their own, a small rate limit). */
export function messagesSubgraph(config?: MessagesConfig): SubgraphDefinition {
  return {
    name: 'messages',
    core: true,
    routes: ['/messages'],
    defaultPort: 4007,
    entities,
    migrations: { sqlite, postgresql },
    migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
    buildSchema,
    // settings are read when the server starts, so importing the package reads no environment
    createServer: (options: CreateServerOptions) => createServer(options, config ?? messagesConfigFromEnv()),
    seedDemo,
  };
}

export const messages: SubgraphDefinition = messagesSubgraph();

export { entities, buildSchema, createServer };
export type { MessagesConfig };
export * from './messages/message.entity';
export { openStreamCount } from './messages/message.stream';
export { DELIVERY_BATCH } from './messages/message.service';
