import fs from 'node:fs';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { EntityClass, MikroORM } from '@mikro-orm/core';
import type { MigrationsByDialect } from './orm';
import type { SecurityConfig } from './config';
import type { Logger } from './logger';
import type { RunningServer } from './subgraph';

export interface CreateServerOptions {
  orm: MikroORM;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  security?: SecurityConfig;
  logger?: Logger;
  /** Where a subgraph keeps files (media); default: the data folder (CORPHUB_DATA_DIR). */
  dataDir?: string;
  /**
   * The gateway's public base URL (e.g. `https://hub.example.com`), for links a subgraph hands to callers.
   * A function because the hub starts its gateway after its subgraphs.
   */
  publicUrl?: () => string;
  /**
   * The gateway's GraphQL endpoint as this subgraph reaches it, for module calls through the graph with a
   * service token (`GatewayClient`). Hub: the gateway it started; standalone: CORPHUB_GATEWAY_URL.
   */
  gatewayUrl?: () => string;
  /**
   * The core subgraphs' SDL, for the module registry's schema checks (identity). Hub: the subgraphs it
   * composed; standalone: read from the supergraph file (CORPHUB_SUPERGRAPH_FILE).
   */
  coreGraph?: () => Promise<CoreGraph>;
  /** Called after the registry (identity) wrote supergraph `revision`: tells gateways to load it now. */
  onSupergraphPublished?: (revision: number) => Promise<void>;
  /** A vendor module: its app secret, to call the graph as its app (`AppGraphClient`); standalone: CORPHUB_APP_SECRET. */
  appSecret?: string;
  /** A vendor module: the signing secret of the webhooks the hub sends its app; standalone: CORPHUB_WEBHOOK_SECRET. */
  webhookSecret?: string;
  /** The subgraph package's version (OpenTelemetry `service.version`); `defineSubgraph` sets it from package.json. */
  serviceVersion?: string;
}

/** A subgraph's SDL as the registry composes it. */
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** The core subgraphs, composed: what the module registry checks a module against. */
export interface CoreGraph {
  supergraphSdl: string;
  subgraphs: SubgraphSdl[];
}

/** A person of a seeded corp (the demo corp, a benchmark corp). */
export interface DemoPerson {
  unionId: string;
  displayName: string;
  email: string;
}

/** Services of the hub that the gateway reaches a core subgraph for, found through the manifest, never by name. */
export type HubService =
  /** The module registry: the latest supergraph (`registrySupergraph`). */
  | 'registry'
  /** A caller's installed modules and app scope (`callerAccess`). */
  | 'access'
  /** The state behind the gateway's OAuth authorization server (its internal login routes). */
  | 'login'
  /** An app scope's departments and tags as UnionIDs (`peopleInScope`). */
  | 'people-scope';

/** What the gateway knows of a subgraph besides its SDL: one entry of the hub manifest. */
export interface SubgraphManifest {
  name: string;
  /** Every corp has it, so its requests skip the installed-modules lookup. Default: a module a corp installs. */
  core?: boolean;
  /** Path prefixes of its own HTTP routes (uploads, CSV exports, streams), served at the gateway's host, e.g. `/media`. */
  routes?: string[];
  /** Hub services the gateway reaches this subgraph for. */
  provides?: HubService[];
}

/** The manifest entry of a definition: the part of it the gateway is told. */
export function manifestOf({ name, core, routes, provides }: SubgraphManifest): SubgraphManifest {
  return { name, ...(core ? { core } : {}), ...(routes?.length ? { routes } : {}), ...(provides?.length ? { provides } : {}) };
}

/** What a seed may need besides its database. */
export interface SeedContext {
  /** Where the subgraph keeps files (media). */
  dataDir: string;
}

/** A large corp for benchmarks: every subgraph writes its part of it for the same people. */
export interface BenchmarkCorp {
  corpId: string;
  corpName: string;
  people: readonly DemoPerson[];
}

/**
 * What a subgraph package exports so that the hub, the composer, the migration generator and the
 * tests can run it without knowing its insides.
 */
export interface SubgraphDefinition extends SubgraphManifest {
  /**
   * A third-party module (examples/okr): it verifies the gateway's context with the public key only and holds
   * no hub secret (it calls the gateway with OAuth client credentials).
   */
  vendor?: boolean;
  /** The port in the committed supergraph's routing URL (docker-compose uses the same). */
  defaultPort: number;
  entities: EntityClass<object>[];
  migrations: MigrationsByDialect;
  /** Absolute path of the folder holding `sqlite/` and `postgresql/` migrations (for the generator). */
  migrationsDir: string;
  buildSchema(): Promise<GraphQLSchema>;
  createServer(options: CreateServerOptions): Promise<RunningServer>;
  /** Writes the demo corp's data; must be idempotent (runs on every `npm start`). */
  seedDemo?(orm: MikroORM, context?: SeedContext): Promise<void>;
  /** `npm run seed -- --employees N`: writes a large corp for benchmarks, straight through the ORM (`insertEntities`, one transaction). */
  seedBenchmark?(orm: MikroORM, corp: BenchmarkCorp): Promise<void>;
}

/** What a subgraph package provides; `defineSubgraph` works out where its migrations are generated. */
export interface SubgraphParts extends Omit<SubgraphDefinition, 'migrationsDir'> {
  /** The package's compiled folder (`__dirname` of its index): its sources and migrations sit in `../src`. */
  dir: string;
}

/** The `version` of the package.json beside a package's compiled (or source) folder, if there is one. */
function packageVersion(dir: string): string | undefined {
  try {
    const { version } = JSON.parse(fs.readFileSync(path.join(dir, '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

export function defineSubgraph({ dir, ...parts }: SubgraphParts): SubgraphDefinition {
  const serviceVersion = packageVersion(dir);
  return {
    ...parts,
    // every server of this subgraph reports its package's version (service.version of its spans)
    createServer: (options) => parts.createServer({ serviceVersion, ...options }),
    migrationsDir: path.join(dir, '..', 'src', 'migrations'),
  };
}
