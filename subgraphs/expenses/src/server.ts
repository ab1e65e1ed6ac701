import { ModuleGraph, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import type { EntityManager } from '@mikro-orm/core';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { ExpensesGraph } from './graph';
import { expensesRoutes } from './routes';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const graph = new ExpensesGraph(ModuleGraph.clientFor('expenses', options, security.internalSecret));
  return startSubgraphServer({ name: 'expenses', module: 'expenses', schema: await buildSchema(), createLoaders: (em: EntityManager) => createLoaders(em, graph), routes: expensesRoutes, ...options, security });
}
