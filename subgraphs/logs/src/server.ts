import { createLogger, GatewayClient, MessagesClient, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { Graph } from './audience';
import { WorkLogNotifier } from './work-log.notify';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  // the directory and media are read through the gateway; runners that start no gateway of their own point here
  const fallback = process.env.CORPHUB_GATEWAY_URL || 'http://localhost:4000/graphql';
  const gatewayUrl = options.gatewayUrl ?? (() => fallback);
  const graph = new Graph(new GatewayClient({ service: 'logs', gatewayUrl, internalSecret: security.internalSecret }));
  const logger = options.logger ?? createLogger('logs');
  const notifier = new WorkLogNotifier(new MessagesClient({ app: 'logs', gatewayUrl, internalSecret: security.internalSecret, logger }));
  return startSubgraphServer({ name: 'logs', schema: await buildSchema(), createLoaders: createLoaders(graph, notifier), ...options, logger, security });
}
