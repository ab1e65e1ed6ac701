/**
 * The gateway as its own process (docker-compose, production): loads the supergraph (CORPHUB_SUPERGRAPH_FILE)
 * and the hub manifest (CORPHUB_HUB_FILE, default hub.json beside the supergraph), both written by
 * `corphub compose`, and reaches each subgraph at CORPHUB_SUBGRAPH_<NAME>_URL or the supergraph's URL.
 */
import { ConfigError, createLogger, ENV_SCHEMA, exitOnInvalidEnv, readEnv, readSecurityConfig } from '@corphub/module-kit/core';
import { startGateway } from './gateway';
import { HubManifest } from './manifest';
import { hubFileBeside, readSupergraph, subgraphUrlsFromEnv } from './supergraph';
import { startTracing } from './tracing';

async function main() {
  // first: a bad value stops the gateway here, naming the variable (docs/configuration.md)
  exitOnInvalidEnv('gateway', ['gateway']);
  const settings = readEnv(['CORPHUB_SUPERGRAPH_FILE', 'CORPHUB_HUB_FILE', 'PORT', 'HOST']);
  const logger = createLogger('gateway');
  const tracing = startTracing();
  try {
    const supergraphFile = settings.CORPHUB_SUPERGRAPH_FILE;
    if (!supergraphFile) throw new ConfigError('CORPHUB_SUPERGRAPH_FILE must name the supergraph to serve (corphub compose writes one)');
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(supergraphFile),
      subgraphs: HubManifest.read(settings.CORPHUB_HUB_FILE ?? hubFileBeside(supergraphFile)),
      subgraphUrls: subgraphUrlsFromEnv(),
      port: settings.PORT ?? ENV_SCHEMA.PORT.defaultFor.gateway,
      host: settings.HOST,
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
