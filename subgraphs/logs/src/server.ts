import { ModuleGraph, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { Graph } from './audience';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const graph = new Graph(ModuleGraph.clientFor('logs', options, security.internalSecret));
  return startSubgraphServer({ name: 'logs', module: 'logs', schema: await buildSchema(), createLoaders: createLoaders(graph), ...options, security });
}
