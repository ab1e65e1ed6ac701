import { startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';
import { summaryRoutes } from './summaries/summary.routes';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const services = createServices(options);
  return startSubgraphServer({ ...options, name: 'attendance', module: 'attendance', schema: await buildSchema(), services, createLoaders, routes: summaryRoutes });
}
