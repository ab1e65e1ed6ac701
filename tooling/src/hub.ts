import fs from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import {
  createLogger,
  dataDir,
  databaseTargetFromEnv,
  initOrm,
  readEnv,
  readSecurityConfig,
  type DatabaseTarget,
  type Logger,
  type RunningServer,
  type SecurityConfig,
  type SubgraphDefinition,
  type CoreGraph,
} from '@corphub/module-kit';
import { announceSupergraph } from '@corphub/identity';
import { gatewayConfig, startGateway, type GatewayConfigOverrides, type GatewayMetrics, type RunningGateway } from '@corphub/gateway';
import { SUBGRAPHS } from './subgraphs';
import { composeSupergraph, defaultRoutingUrl, hubManifest, readComposition } from './supergraph';

export interface HubOptions {
  /** Gateway port; 0 picks a free one. Subgraphs always take free ports on 127.0.0.1. */
  port?: number;
  host?: string;
  /** Default: every subgraph of the hub, with the committed supergraph. Others are composed on the fly. */
  subgraphs?: SubgraphDefinition[];
  /** Where each subgraph's data lives. Default: DATABASE_URL or SQLite files in CORPHUB_DATA_DIR. */
  database?: (subgraph: string) => DatabaseTarget;
  seedDemo?: boolean;
  security?: SecurityConfig;
  /** Where subgraphs keep files (media). Default: CORPHUB_DATA_DIR or ./data. */
  dataDir?: string;
  /** The gateway's public base URL for links handed to callers. Default: CORPHUB_PUBLIC_URL, else the URL the gateway got. */
  publicUrl?: string;
  /** Sees every SQL statement, by subgraph (tests count them). */
  onQuery?: (subgraph: string, sql: string) => void;
  /** Gateway settings over those of the environment (limits, timeouts, caches, ...). */
  gateway?: GatewayConfigOverrides;
  logger?: Logger;
}

export interface RunningSubgraph {
  url: string;
  orm: MikroORM;
  /** Stops its HTTP server (the database stays open): the gateway then finds it unavailable. */
  stop(): Promise<void>;
  /** Serves it again on the same port. */
  start(): Promise<void>;
}

export interface Hub {
  url: string;
  port: number;
  subgraphs: Record<string, RunningSubgraph>;
  metrics: GatewayMetrics;
  /** The registry supergraph the gateway serves: its revision (0: core only) and a poll on demand. */
  supergraph: RunningGateway['supergraph'];
  stop(): Promise<void>;
}

/** The admin console's build in this checkout (`npm run build` makes it), served at /console unless CORPHUB_CONSOLE_DIR says otherwise. */
export function builtConsoleDir(): string | undefined {
  const directory = path.join(path.dirname(require.resolve('@corphub/console/package.json')), 'dist');
  return fs.existsSync(path.join(directory, 'index.html')) ? directory : undefined;
}

const consoleConfig = (): { consoleDir?: string } => {
  const consoleDir = readEnv(['CORPHUB_CONSOLE_DIR']).CORPHUB_CONSOLE_DIR ?? builtConsoleDir();
  return consoleDir ? { consoleDir } : {};
};

/**
 * The whole hub in one process: each subgraph migrated and served on its own loopback port, and the
 * gateway in front of them over real HTTP. `npm start`, the tests and the benchmark all start it here.
 */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const definitions = options.subgraphs ?? SUBGRAPHS;
  const security = options.security ?? readSecurityConfig();
  const logger = options.logger ?? createLogger('hub');
  const database = options.database ?? ((name: string) => databaseTargetFromEnv(name, dataDir()));
  const files = options.dataDir ?? dataDir();
  // known once the gateway listens, which is after the subgraphs start
  let gatewayBase = options.publicUrl ?? readEnv(['CORPHUB_PUBLIC_URL']).CORPHUB_PUBLIC_URL;
  const publicUrl = () => gatewayBase ?? 'http://localhost:4000';
  let gatewayGraphqlUrl: string | undefined;
  const gatewayUrl = () => {
    if (!gatewayGraphqlUrl) throw new Error('The gateway is not listening yet');
    return gatewayGraphqlUrl;
  };
  const disposers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const dispose of disposers.splice(0).reverse()) await dispose();
  };

  // the core graph: the registry checks modules against it, the gateway serves modules on top of it
  const core = options.subgraphs ? await composeSupergraph(definitions) : readComposition(definitions);
  const coreGraph = (): Promise<CoreGraph> =>
    Promise.resolve({
      supergraphSdl: core.supergraphSdl,
      subgraphs: definitions.map((definition) => ({ name: definition.name, url: defaultRoutingUrl(definition), sdl: core.subgraphSdl[definition.name] })),
    });
  let gateway: RunningGateway | undefined;
  const config = gatewayConfig(options.gateway);
  // a publish in this process reaches this gateway at once, other replicas through Redis (or their next poll)
  const onSupergraphPublished = async (revision: number) => {
    await Promise.all([gateway?.supergraph.pollNow(), config.redisUrl && announceSupergraph(config.redisUrl, config.registryChannel, revision)]);
  };

  try {
    const subgraphs: Record<string, RunningSubgraph> = {};
    for (const definition of definitions) {
      const orm = await initOrm({
        database: database(definition.name),
        entities: definition.entities,
        migrations: definition.migrations,
        logger,
        onQuery: options.onQuery && ((sql) => options.onQuery?.(definition.name, sql)),
      });
      disposers.push(() => orm.close());
      if (options.seedDemo) await definition.seedDemo?.(orm, { dataDir: files });
      const serve = (port: number) =>
        definition.createServer({
          orm,
          port,
          host: '127.0.0.1',
          security,
          logger: logger.child({ subgraph: definition.name }),
          dataDir: files,
          publicUrl,
          gatewayUrl,
          coreGraph,
          onSupergraphPublished,
        });
      let server: RunningServer | undefined = await serve(0);
      const port = server.port;
      const subgraph: RunningSubgraph = {
        url: server.url,
        orm,
        stop: async () => {
          const running = server;
          server = undefined;
          await running?.stop();
        },
        start: async () => {
          server ??= await serve(port);
        },
      };
      disposers.push(() => subgraph.stop());
      subgraphs[definition.name] = subgraph;
    }
    gateway = await startGateway({
      supergraphSdl: core.supergraphSdl,
      subgraphs: hubManifest(definitions),
      subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, { url }]) => [name, url])),
      port: options.port ?? 0,
      host: options.host,
      security,
      // the links the gateway hands out (SCIM locations) point where the subgraphs' do
      config: { ...consoleConfig(), ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}), ...options.gateway },
      logger: logger.child({ component: 'gateway' }),
    });
    const running = gateway;
    disposers.push(() => running.stop());
    gatewayBase ??= new URL(gateway.url).origin;
    gatewayGraphqlUrl = gateway.url;
    return { url: gateway.url, port: gateway.port, subgraphs, metrics: gateway.metrics, supergraph: gateway.supergraph, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
