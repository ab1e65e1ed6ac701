import { createLogger, hubSecret, GatewayClient, gatewayUrlOf, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { startOutboxRelay } from './outbox';
import { outboxPollMs } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const logger = options.logger ?? createLogger('directory');
  const server = await startSubgraphServer({ services: {}, name: 'directory', schema: await buildSchema(), createLoaders, ...options, security, logger });
  // employee and department events go to identity, which sends the vendors' webhooks
  const relay = startOutboxRelay({
    orm: options.orm,
    client: new GatewayClient({ service: 'directory', gatewayUrl: gatewayUrlOf(options), internalSecret: hubSecret(security) }),
    pollMs: outboxPollMs(process.env),
    logger: logger.child({ component: 'outbox' }),
  });
  return {
    ...server,
    stop: async () => {
      await relay.stop();
      await server.stop();
    },
  };
}
