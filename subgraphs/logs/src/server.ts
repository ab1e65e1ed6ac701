import { createLogger, hubSecret, MessageOutbox, ModuleGraph, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { Graph } from './audience';
import { WorkLogNotifier } from './work-log.notify';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const graph = new Graph(ModuleGraph.clientFor('logs', options, hubSecret(security)));
  const logger = options.logger ?? createLogger('logs');
  const outbox = MessageOutbox.forModule('logs', { ...options, logger, internalSecret: hubSecret(security) });
  const server = await startSubgraphServer({ services: {}, name: 'logs', module: 'logs', schema: await buildSchema(), createLoaders: createLoaders(graph, new WorkLogNotifier(outbox)), ...options, logger, security });
  return { ...server, stop: () => outbox.stop().then(() => server.stop()) };
}
