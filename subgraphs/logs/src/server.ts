import { createLogger, gatewayUrlOf, MessagesClient, ModuleGraph, hubSecret, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { Graph } from './audience';
import { WorkLogNotifier } from './work-log.notify';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const graph = new Graph(ModuleGraph.clientFor('logs', options, hubSecret(security)));
  const logger = options.logger ?? createLogger('logs');
  const notifier = new WorkLogNotifier(new MessagesClient({ app: 'logs', gatewayUrl: gatewayUrlOf(options), internalSecret: hubSecret(security), logger }));
  return startSubgraphServer({ name: 'logs', module: 'logs', schema: await buildSchema(), createLoaders: createLoaders(graph, notifier), ...options, logger, security });
}
