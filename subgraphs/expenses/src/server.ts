import { createLogger, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';
import { reportRoutes } from './reports/report.routes';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(undefined, 'subgraph');
  const logger = options.logger ?? createLogger('expenses');
  const services = createServices({ ...options, security, logger });
  const server = await startSubgraphServer({
    name: 'expenses',
    module: 'expenses',
    schema: await buildSchema(),
    services,
    createLoaders,
    routes: reportRoutes,
    ...options,
    logger,
    security,
  });
  return { ...server, stop: () => services.outbox.stop().then(() => server.stop()) };
}
