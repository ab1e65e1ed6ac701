import { GatewayClient, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import type { EntityManager } from '@mikro-orm/core';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { ExpensesGraph } from './graph';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const gatewayUrl = options.gatewayUrl ?? (() => process.env.CORPHUB_GATEWAY_URL ?? 'http://localhost:4000/graphql');
  const graph = new ExpensesGraph(new GatewayClient({ service: 'expenses', gatewayUrl, internalSecret: security.internalSecret }));
  return startSubgraphServer({ name: 'expenses', module: 'expenses', schema: await buildSchema(), createLoaders: (em: EntityManager) => createLoaders(em, graph), ...options, security });
}
