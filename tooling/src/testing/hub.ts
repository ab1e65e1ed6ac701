import fs from 'node:fs';
import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import os from 'node:os';
import path from 'node:path';
import { listen, readSecurityConfig, Role, type Logger, type RunningServer, type SecurityConfig, type SubgraphDefinition } from '@corphub/module-kit';
import { graphqlRequest, QueryCounter, testDatabase, type GraphQLResponse, type RequestOptions, type TestDatabase } from '@corphub/module-kit/testing';
import { startHub, type Hub } from '../hub';
import type { GatewayConfigOverrides } from '@corphub/gateway';
import { signDevToken, type DevTokenRequest } from '../dev-token';

/** What the seeding helpers need of a hub: tokens, requests, and which subgraphs it runs (a test hub, a cluster). */
export interface GraphClient {
  subgraphs: Record<string, unknown>;
  /** A caller token signed with the hub's secret. */
  token(request: Partial<DevTokenRequest> & { corp: string }): Promise<string>;
  /** POST a GraphQL request to the gateway. */
  request<Data = Record<string, any>>(query: string, options?: RequestOptions): Promise<GraphQLResponse<Data>>;
}

export interface TestHub extends Hub {
  database: TestDatabase;
  /** A throwaway data folder for the subgraphs' files (media), removed by `stop()`. */
  dataDir: string;
  queries: QueryCounter;
  /** A caller token signed with the hub's secret. */
  token(request: Partial<DevTokenRequest> & { corp: string }): Promise<string>;
  /** POST a GraphQL request to the gateway. */
  request<Data = Record<string, any>>(query: string, options?: RequestOptions): Promise<GraphQLResponse<Data>>;
}

/**
 * The real hub (every subgraph and the gateway over HTTP on free ports) on a throwaway database:
 * SQLite files, or a fresh PostgreSQL database when DATABASE_URL is set. `stop()` drops it.
 */
export interface TestHubOptions {
  subgraphs?: SubgraphDefinition[];
  label?: string;
  /** Gateway settings (limits, timeouts, ...) over those of an empty environment. */
  gateway?: GatewayConfigOverrides;
  /** E.g. a pino logger writing to a stream the test reads. */
  logger?: Logger;
  /** The gateway's port (default: a free one). */
  port?: number;
  /** Keys for the gateway and subgraphs (default: the development ones, `readSecurityConfig({})`). */
  security?: SecurityConfig;
  /** Seed the demo corp, as `npm start` does (for tests that look at a realistic corp: the console's). */
  seedDemo?: boolean;
}

export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const database = await testDatabase(options.label ?? 'hub');
  const queries = new QueryCounter();
  const security = options.security ?? readSecurityConfig({});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `corphub-${(options.label ?? 'hub').replace(/\W/g, '_')}-files-`));
  const removeFiles = () => fs.promises.rm(dataDir, { recursive: true, force: true });
  try {
    const hub = await startHub({
      port: options.port,
      subgraphs: options.subgraphs,
      seedDemo: options.seedDemo,
      database: database.targetFor,
      security,
      onQuery: queries.record,
      // long-lived: installs through the gateway refresh it, and statement counts see no lookups in between
      // polls would add registry reads to the SQL that tests count; a publish in the hub is loaded at once anyway
      gateway: { accessCacheSeconds: 3600, registryPollMs: 3_600_000, ...options.gateway },
      logger: options.logger,
      dataDir,
    });
    return {
      ...hub,
      database,
      dataDir,
      queries,
      token: (request) => signDevToken({ role: Role.ADMIN, ...request }, security.jwtSecret),
      request: (query, requestOptions) => graphqlRequest(hub.url, query, requestOptions),
      stop: async () => {
        await hub.stop();
        await database.drop();
        await removeFiles();
      },
    };
  } catch (error) {
    await database.drop();
    await removeFiles();
    throw error;
  }
}

export interface SeededCorp {
  corpId: string;
  /** An admin token for the corp (the admin is the first person). */
  adminToken: string;
  people: { unionId: string; displayName: string }[];
}

export interface SeedCorpOptions {
  /** The module subgraphs to install (their apps); default: every module app whose subgraph this hub runs. */
  modules?: string[];
}

/**
 * Creates a corp through the graph (as a platform admin), installs the modules the hub runs (so that
 * their fields answer) and adds its people (as the corp's admin).
 */
export async function seedCorp(hub: GraphClient, corpId: string, displayNames: string[] = ['Admin'], options: SeedCorpOptions = {}): Promise<SeededCorp> {
  const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
  const created = await hub.request(`mutation($id: String!) { createCorp(input: { id: $id, name: $id }) { id } }`, { token: platform, variables: { id: corpId } });
  if (created.errors) throw new Error(`createCorp ${corpId}: ${JSON.stringify(created.errors)}`);
  const bootstrap = await hub.token({ corp: corpId });
  await installModules(hub, bootstrap, options.modules ?? Object.keys(hub.subgraphs));
  const people: SeededCorp['people'] = [];
  for (const displayName of displayNames) {
    const added = await hub.request(`mutation($name: String!) { addPerson(input: { displayName: $name }) { unionId displayName } }`, {
      token: bootstrap,
      variables: { name: displayName },
    });
    if (added.errors) throw new Error(`addPerson ${displayName}: ${JSON.stringify(added.errors)}`);
    people.push(added.data!.addPerson);
  }
  return { corpId, adminToken: await hub.token({ corp: corpId, union: people[0]?.unionId }), people };
}

/** Installs, in the token's corp, the apps serving these subgraphs (those that have one). */
export async function installModules(hub: GraphClient, adminToken: string, subgraphs: string[]): Promise<void> {
  const apps = await hub.request<{ apps: { nodes: { appId: string; subgraph: string | null }[] } }>(`{ apps(first: 500) { nodes { appId subgraph } } }`, { token: adminToken });
  if (apps.errors) throw new Error(`apps: ${JSON.stringify(apps.errors)}`);
  for (const { appId, subgraph } of apps.data!.apps.nodes) {
    if (!subgraph || !subgraphs.includes(subgraph)) continue;
    const installed = await hub.request(`mutation($appId: ID!) { installApp(appId: $appId) { id } }`, { token: adminToken, variables: { appId } });
    if (installed.errors) throw new Error(`installApp ${appId}: ${JSON.stringify(installed.errors)}`);
  }
}

/**
 * A third party's module as the gateway sees it: a plain Apollo subgraph (no Corphub code) on a free port.
 * Like every subgraph it keeps idle connections longer than the gateway reuses them (shared `listen`).
 */
export async function startPlainSubgraph(sdl: string, resolvers: Record<string, object>): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const port = await listen(httpServer, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    stop: async () => {
      await apollo.stop();
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}
