import { GatewayClient, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { Graph } from './audience';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const { gatewayUrl } = options;
  if (!gatewayUrl) throw new Error('The logs subgraph reads the directory and media through the gateway: pass gatewayUrl (CORPHUB_GATEWAY_URL)');
  const graph = new Graph(new GatewayClient({ service: 'logs', gatewayUrl, internalSecret: security.internalSecret }));
  return startSubgraphServer({ name: 'logs', schema: await buildSchema(), createLoaders: createLoaders(graph), ...options, security });
}
