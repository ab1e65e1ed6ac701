import { createLogger } from './logger';
import { dataDir, readSecurityConfig } from './config';
import { databaseTargetFromEnv, initOrm } from './orm';
import type { CreateServerOptions, SubgraphDefinition } from './definition';
import { ENV_READERS, ENV_SCHEMA, exitOnInvalidEnv, readEnv } from './env';

/**
 * A subgraph as its own process (docker-compose, production): checks its environment (a bad value names the
 * variable and exits 1), migrates, listens.
 * PORT (default: the subgraph's defaultPort), HOST, DATABASE_URL or CORPHUB_DATA_DIR, CORPHUB_SEED_DEMO=1,
 * CORPHUB_PUBLIC_URL (the gateway's public base URL, for links; default http://localhost:4000),
 * CORPHUB_GATEWAY_URL (the gateway's GraphQL endpoint for calls through the graph; default http://localhost:4000/graphql),
 * CORPHUB_CONTEXT_JWKS_URL or CORPHUB_CONTEXT_PUBLIC_KEY (how to verify the gateway; see readSecurityConfig);
 * a vendor module also CORPHUB_APP_SECRET and CORPHUB_WEBHOOK_SECRET (its app's secrets).
 * `options` adds what only this subgraph's own process knows (e.g. how the registry tells gateways of a publish).
 */
export async function runSubgraph(definition: SubgraphDefinition, options: Partial<CreateServerOptions> = {}): Promise<void> {
  // a hub subgraph also reads the variables declared for it by name (identity's webhooks, media's limits …)
  exitOnInvalidEnv(definition.name, definition.vendor ? ['modules'] : ['subgraphs', ...ENV_READERS.filter((reader) => reader === definition.name)]);
  const settings = readEnv(['CORPHUB_SEED_DEMO', 'PORT', 'HOST', 'CORPHUB_PUBLIC_URL', 'CORPHUB_GATEWAY_URL']);
  const logger = createLogger(definition.name);
  try {
    const security = readSecurityConfig(undefined, definition.vendor ? 'vendor' : 'subgraph');
    const orm = await initOrm({
      database: databaseTargetFromEnv(definition.name, dataDir()),
      entities: definition.entities,
      migrations: definition.migrations,
      logger,
    });
    if (settings.CORPHUB_SEED_DEMO) await definition.seedDemo?.(orm, { dataDir: dataDir() });
    const port = settings.PORT ?? definition.defaultPort;
    const publicUrl = settings.CORPHUB_PUBLIC_URL ?? ENV_SCHEMA.CORPHUB_PUBLIC_URL.defaultFor.subgraphs;
    const gatewayUrl = settings.CORPHUB_GATEWAY_URL;
    const app = definition.vendor ? readEnv(['CORPHUB_APP_SECRET', 'CORPHUB_WEBHOOK_SECRET']) : undefined;
    const server = await definition.createServer({
      orm,
      port,
      host: settings.HOST,
      security,
      logger,
      dataDir: dataDir(),
      publicUrl: () => publicUrl,
      gatewayUrl: () => gatewayUrl,
      ...(app ? { appSecret: app.CORPHUB_APP_SECRET, webhookSecret: app.CORPHUB_WEBHOOK_SECRET } : {}),
      ...options,
    });
    logger.info({ url: server.url }, `${definition.name} subgraph listening`);
    const shutdown = async () => {
      await server.stop();
      await orm.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
  } catch (error) {
    logger.fatal({ err: error }, `${definition.name} subgraph failed to start`);
    process.exit(1);
  }
}
