import { startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { SchemaRegistry } from './registry/registry.service';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const registry = new SchemaRegistry(options.coreGraph, async (supergraph) => options.onSupergraphPublished?.(supergraph.revision), options.logger);
  return startSubgraphServer({ name: 'identity', schema: await buildSchema(), createLoaders: (em) => createLoaders(em, registry), ...options });
}
