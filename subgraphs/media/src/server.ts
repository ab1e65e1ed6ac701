import { startSubgraphServer, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createServices, type MediaServerOptions } from './services';
import { mediaRoutes } from './media/media.routes';

export async function createServer(options: MediaServerOptions): Promise<RunningServer> {
  // the media settings go into the services; the kit gets the rest
  const { media: _settings, ...serverOptions } = options;
  const services = createServices(options);
  // staging files of uploads that a crash interrupted
  await services.store.sweepStaging();
  return startSubgraphServer({ name: 'media', schema: await buildSchema(), services, createLoaders, routes: mediaRoutes(services), ...serverOptions });
}
