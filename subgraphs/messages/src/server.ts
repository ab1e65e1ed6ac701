import { createLogger, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices, type MessagesConfig } from './services';
import { HEARTBEAT_MS, LiveStreams } from './messages/message.stream';

export async function createServer(options: CreateServerOptions, config: MessagesConfig): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('messages');
  const services = await createServices({ ...options, logger }, config);
  const streams = new LiveStreams(services.bus, logger, config.heartbeatMs ?? HEARTBEAT_MS);
  try {
    const server = await startSubgraphServer({ ...options, logger, name: 'messages', schema: await buildSchema(), services, createLoaders, routes: (router, kit) => streams.routes(router, kit) });
    return {
      ...server,
      stop: async () => {
        // open streams would hold the HTTP server's drain for its whole grace period
        streams.closeAll();
        await server.stop();
        await services.bus.close();
      },
    };
  } catch (error) {
    streams.closeAll();
    await services.bus.close();
    throw error;
  }
}
