import type { MikroORM } from '@mikro-orm/core';
import { CONTEXT_HEADER, subgraphAudience, type AuthContext } from '../auth';
import { DEV_CONTEXT_PUBLIC_KEY, readSecurityConfig } from '../config';
import type { CreateServerOptions, SubgraphDefinition } from '../definition';
import { initOrm } from '../orm';
import type { RunningServer } from '../subgraph';
import { graphqlRequest, type GraphQLResponse } from './client';
import { signTestContext } from './context';
import { testDatabase, type TestDatabase } from './database';
import { QueryCounter } from './queries';

export interface TestModuleOptions {
  /** Names the test database (default: the module's name). */
  label?: string;
  /** More server options (a logger, a data folder...); the port, host, ORM and keys are the test's. */
  server?: Partial<Omit<CreateServerOptions, 'orm' | 'port' | 'host' | 'security'>>;
  /** CORPHUB_METRICS_TOKEN of the module's process: its `/metrics` then needs it as a bearer token. */
  metricsToken?: string;
}

export interface TestModuleRequest {
  /** The caller as the gateway verified them; without it the request carries no context (UNAUTHENTICATED). */
  auth?: AuthContext;
  variables?: Record<string, unknown>;
}

export interface TestModule {
  /** The module's GraphQL endpoint. */
  url: string;
  orm: MikroORM;
  database: TestDatabase;
  /** Every SQL statement the module ran, under the module's name. */
  queries: QueryCounter;
  /** A GraphQL request as the gateway sends it: the caller's context signed for this module's audience. */
  request<Data = Record<string, any>>(query: string, options?: TestModuleRequest): Promise<GraphQLResponse<Data>>;
  /** Stops the server, closes the ORM and drops the database. */
  stop(): Promise<void>;
}

/**
 * A module as the gateway sees it, with the kit alone: its migrations applied to a throwaway database
 * (`testDatabase`), served on a free port, verifying contexts with the development public key as a vendor's
 * process does; `request` signs each caller's context with the matching private key, as the gateway does.
 */
export async function startTestModule(definition: SubgraphDefinition, options: TestModuleOptions = {}): Promise<TestModule> {
  const database = await testDatabase(options.label ?? definition.name);
  const queries = new QueryCounter();
  let orm: MikroORM | undefined;
  let server: RunningServer | undefined;
  try {
    orm = await initOrm({
      database: database.targetFor(definition.name),
      entities: definition.entities,
      migrations: definition.migrations,
      onQuery: (sql) => queries.record(definition.name, sql),
    });
    // the public key only, read as the module's own process reads it (a hub subgraph also gets the dev service secret)
    const env = { CORPHUB_CONTEXT_PUBLIC_KEY: DEV_CONTEXT_PUBLIC_KEY, ...(options.metricsToken ? { CORPHUB_METRICS_TOKEN: options.metricsToken } : {}) };
    const security = readSecurityConfig(env, definition.vendor ? 'vendor' : 'subgraph');
    server = await definition.createServer({ ...options.server, orm, port: 0, host: '127.0.0.1', security });
  } catch (error) {
    await orm?.close(true);
    await database.drop();
    throw error;
  }
  const running = server;
  const audience = subgraphAudience(definition.name);
  return {
    url: running.url,
    orm,
    database,
    queries,
    request: async (query, { auth, variables } = {}) =>
      graphqlRequest(running.url, query, { variables, headers: auth ? { [CONTEXT_HEADER]: await signTestContext(auth, audience) } : {} }),
    stop: async () => {
      await running.stop();
      await orm.close(true);
      await database.drop();
    },
  };
}
