import { ModuleGraph, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import type { EntityManager } from '@mikro-orm/core';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { ExpensesGraph } from './graph';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const graph = new ExpensesGraph(ModuleGraph.clientFor('expenses', options, security.internalSecret));
  return startSubgraphServer({ name: 'expenses', schema: await buildSchema(), createLoaders: (em: EntityManager) => createLoaders(em, graph), ...options, security });
}
