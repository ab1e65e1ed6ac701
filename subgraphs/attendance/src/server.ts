import { hubSecret, readSecurityConfig, startSubgraphServer, type CreateServerOptions, type RunningServer } from '@corphub/module-kit';
import { buildSchema } from './schema';
import { createLoaders } from './loaders';
import { createGraph } from './graph';
import { attendanceRoutes } from './routes';

export async function createServer(options: CreateServerOptions): Promise<RunningServer> {
  const security = options.security ?? readSecurityConfig(process.env, 'subgraph');
  const graph = createGraph(options, hubSecret(security));
  return startSubgraphServer({ services: {},
    name: 'attendance',
    module: 'attendance',
    schema: await buildSchema(),
    createLoaders: (em, auth) => createLoaders(em, auth, graph),
    routes: attendanceRoutes,
    ...options,
    security,
  });
}
