/**
 * The gateway as its own process (docker-compose, production): loads the committed supergraph (or
 * CORPHUB_SUPERGRAPH_FILE) and reaches each subgraph at CORPHUB_SUBGRAPH_<NAME>_URL or the supergraph's URL.
 */
import { createLogger, readSecurityConfig } from '@corphub/shared';
import { startGateway } from './gateway';
import { readSupergraph, subgraphUrlsFromEnv, SUPERGRAPH_FILE } from './supergraph';
import { startTracing } from './tracing';

async function main() {
  const logger = createLogger('gateway');
  const tracing = startTracing();
  try {
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(process.env.CORPHUB_SUPERGRAPH_FILE || SUPERGRAPH_FILE),
      subgraphUrls: subgraphUrlsFromEnv(),
      port: Number(process.env.PORT || 4000),
      host: process.env.HOST,
      security: readSecurityConfig(),
      logger,
    });
    logger.info({ url: gateway.url, subgraphs: gateway.subgraphUrls }, 'gateway listening');
    const shutdown = async () => {
      await gateway.stop();
      await tracing?.shutdown();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
  } catch (error) {
    logger.fatal({ err: error }, 'gateway failed to start');
    process.exit(1);
  }
}

void main();
