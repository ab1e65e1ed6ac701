import { createLogger, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('logs');
  const services = createServices({ ...options, logger });
  const server = await startSubgraphServer({ ...options, logger, name: 'logs', module: 'logs', schema: await buildSchema(), services, createLoaders });
  return { ...server, stop: () => services.notifier.stop().then(() => server.stop()) };
}
