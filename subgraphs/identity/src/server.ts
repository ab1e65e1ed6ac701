import { startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/shared';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { SchemaRegistry } from './registry/registry.service';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const registry = new SchemaRegistry(options.coreGraph, async (supergraph) => options.onSupergraphPublished?.(supergraph.revision), options.logger);
  const server = await startSubgraphServer({ name: 'identity', schema: await buildSchema(), createLoaders: (em) => createLoaders(em, registry), ...options });
  // after a deploy that changed the core subgraphs, write the modules' supergraph over the new core (in the
  // background: composing takes a while, and gateways keep serving meanwhile)
  if (await registry.needsRebase(options.orm.em.fork())) {
    registry.rebase(options.orm.em.fork()).catch((error: unknown) => options.logger?.error({ err: error }, 'could not rebase the registry supergraph'));
  }
  return server;
}
