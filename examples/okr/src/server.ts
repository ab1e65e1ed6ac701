import { startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  return startSubgraphServer({ services: {}, name: 'okr', module: 'okr', schema: await buildSchema(), createLoaders, ...options });
}
