import { GatewayClient, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { Graph } from './audience';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  // the directory and media are read through the gateway; runners that start no gateway of their own point here
  const fallback = process.env.CORPHUB_GATEWAY_URL || 'http://localhost:4000/graphql';
  const gatewayUrl = options.gatewayUrl ?? (() => fallback);
  const graph = new Graph(new GatewayClient({ service: 'logs', gatewayUrl, internalSecret: security.internalSecret }));
  return startSubgraphServer({ name: 'logs', module: 'logs', schema: await buildSchema(), createLoaders: createLoaders(graph), ...options, security });
}
