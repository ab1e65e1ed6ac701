import { createLogger, outboxPollMs, readSecurityConfig, startOutboxRelay, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(undefined, 'subgraph');
  const logger = options.logger ?? createLogger('approvals');
  const services = createServices({ ...options, security, logger });
  const server = await startSubgraphServer({ name: 'approvals', schema: await buildSchema(), services, createLoaders, ...options, logger, security });
  // approval.decided goes to identity, which sends the asking app its webhook
  const relay = startOutboxRelay({ orm: options.orm, client: services.gateway, pollMs: outboxPollMs(), logger: logger.child({ component: 'outbox' }) });
  return {
    ...server,
    stop: async () => {
      await relay.stop();
      await services.outbox.stop();
      await server.stop();
    },
  };
}
