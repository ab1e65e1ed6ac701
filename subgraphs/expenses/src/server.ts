import { createLogger, GatewayClient, MessagesClient, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import type { EntityManager } from '@mikro-orm/core';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { ExpensesGraph } from './graph';
import { ClaimNotifier } from './claims/claim.notify';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const gatewayUrl = options.gatewayUrl ?? (() => process.env.CORPHUB_GATEWAY_URL ?? 'http://localhost:4000/graphql');
  const graph = new ExpensesGraph(new GatewayClient({ service: 'expenses', gatewayUrl, internalSecret: security.internalSecret }));
  const logger = options.logger ?? createLogger('expenses');
  const notifier = new ClaimNotifier(new MessagesClient({ app: 'expenses', gatewayUrl, internalSecret: security.internalSecret, logger }));
  return startSubgraphServer({ name: 'expenses', schema: await buildSchema(), createLoaders: (em: EntityManager) => createLoaders(em, graph, notifier), ...options, logger, security });
}
