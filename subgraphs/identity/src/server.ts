import { createLogger, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices } from './services';
import { oauthRoutes } from './oauth/oauth.routes';
import { readWebhookConfig, startWebhookDispatcher } from './webhooks/webhook.dispatcher';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('identity');
  const services = createServices({ ...options, logger });
  const server = await startSubgraphServer({ name: 'identity', schema: await buildSchema(), services, createLoaders, routes: oauthRoutes, ...options, logger });
  // after a deploy that changed the core subgraphs, write the modules' supergraph over the new core (in the
  // background: composing takes a while, and gateways keep serving meanwhile)
  const { registry } = services;
  if (await registry.needsRebase(options.orm.em.fork())) {
    registry.rebase(options.orm.em.fork()).catch((error: unknown) => logger.error({ err: error }, 'could not rebase the registry supergraph'));
  }
  // the dispatcher lives with the server: stopping identity stops its deliveries too
  const dispatcher = startWebhookDispatcher(options.orm, readWebhookConfig(), logger.child({ component: 'webhooks' }));
  return {
    ...server,
    stop: async () => {
      await dispatcher.stop();
      await server.stop();
    },
  };
}
