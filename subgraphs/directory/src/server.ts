import { createLogger, outboxPollMs, readSecurityConfig, startOutboxRelay, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';


export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(undefined, 'subgraph');
  const logger = options.logger ?? createLogger('directory');
  const services = createServices({ ...options, security });
  const server = await startSubgraphServer({ name: 'directory', schema: await buildSchema(), services, createLoaders, ...options, security, logger });
  // employee and department events go to identity, which sends the vendors' webhooks
  const relay = startOutboxRelay({ orm: options.orm, client: services.gateway, pollMs: outboxPollMs(), logger: logger.child({ component: 'outbox' }) });
  return {
    ...server,
    stop: async () => {
      await relay.stop();
      await server.stop();
    },
  };
}
