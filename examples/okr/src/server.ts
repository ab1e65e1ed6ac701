import { startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';

/** Never reads env: main.ts, the tests and the hub's tools hand it everything. */
export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  // `name`: the audience of the contexts it accepts; `module`: the app a corp installs. Both are the name it is published under
  return startSubgraphServer({ name: 'okr', module: 'okr', schema: await buildSchema(), services: createServices(options), createLoaders, ...options });
}
