/**
 * The gateway as its own process (docker-compose, production): loads the supergraph (CORPHUB_SUPERGRAPH_FILE)
 * and the hub manifest (CORPHUB_HUB_FILE, default hub.json beside the supergraph), both written by
 * `corphub compose`, and reaches each subgraph at CORPHUB_SUBGRAPH_<NAME>_URL or the supergraph's URL.
 */
import { ConfigError, createLogger, readSecurityConfig } from '@corphub/module-kit/core';
import { startGateway } from './gateway';
import { HubManifest } from './manifest';
import { hubFileBeside, readSupergraph, subgraphUrlsFromEnv } from './supergraph';
import { startTracing } from './tracing';

async function main() {
  const logger = createLogger('gateway');
  const tracing = startTracing();
  try {
    const supergraphFile = process.env.CORPHUB_SUPERGRAPH_FILE;
    if (!supergraphFile) throw new ConfigError('CORPHUB_SUPERGRAPH_FILE must name the supergraph to serve (corphub compose writes one)');
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(supergraphFile),
      subgraphs: HubManifest.read(process.env.CORPHUB_HUB_FILE || hubFileBeside(supergraphFile)),
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
