import { createLogger, hubSecret, MessageOutbox, ModuleGraph, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import type { EntityManager } from '@mikro-orm/core';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { ExpensesGraph } from './graph';
import { expensesRoutes } from './routes';
import { ClaimNotifier } from './claims/claim.notify';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const graph = new ExpensesGraph(ModuleGraph.clientFor('expenses', options, hubSecret(security)));
  const logger = options.logger ?? createLogger('expenses');
  const outbox = MessageOutbox.forModule('expenses', { ...options, logger, internalSecret: hubSecret(security) });
  const notifier = new ClaimNotifier(outbox);
  const server = await startSubgraphServer({ services: {},
    name: 'expenses',
    module: 'expenses',
    schema: await buildSchema(),
    createLoaders: (em: EntityManager) => createLoaders(em, graph, notifier),
    routes: expensesRoutes,
    ...options,
    logger,
    security,
  });
  return { ...server, stop: () => outbox.stop().then(() => server.stop()) };
}
