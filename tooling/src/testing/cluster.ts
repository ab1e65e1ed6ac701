import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contextAlgorithm, Role, signWith, subgraphAudience, type AuthContext } from '@corphub/module-kit';
import { graphqlRequest, testDatabase, waitFor, type GraphQLResponse, type RequestOptions, type TestDatabase } from '@corphub/module-kit/testing';
import { signDevToken, type DevTokenRequest } from '../dev-token';
import { startRoundRobinProxy, type RoundRobinProxy } from './proxy';
import type { GraphClient } from './hub';

/** One line of a process's JSON log (pino). */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** One OS process of the cluster: a gateway, subgraph or module replica. */
export interface Replica {
  service: string;
  index: number;
  pid: number;
  /** Its own `/graphql`, bypassing the proxy. */
  url: string;
  origin: string;
  /** Everything it logged so far, as JSON lines (non-JSON output is kept in `output`). */
  lines(): LogLine[];
  output(): string;
  /** Sends the signal and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  alive(): boolean;
}

/** A service: its replicas behind one round-robin proxy. */
export interface ClusterService {
  name: string;
  proxy: RoundRobinProxy;
  /** `/graphql` through the proxy. */
  url: string;
  replicas: Replica[];
}

/** A process to run as a service besides the hub's own (e.g. a vendor's module, built). */
export interface ModuleProcess {
  name: string;
  /** The built entry point, e.g. `examples/okr/dist/main.js`. */
  main: string;
}

export interface ClusterOptions {
  label?: string;
  /** Replicas per service (gateway included); default 2. */
  replicas?: number;
  /** The hub's subgraphs to run (default: every one in the hub manifest). */
  subgraphs?: string[];
  /** Vendor modules to run beside them, each a service of its own (vendor credentials only). */
  modules?: ModuleProcess[];
  /** Settings for every process, over the cluster's own. */
  env?: NodeJS.ProcessEnv;
}

export interface Cluster extends GraphClient {
  /** `/graphql` of the gateways' proxy: what clients use. */
  url: string;
  origin: string;
  gateway: ClusterService;
  /** Subgraphs and modules, by name. */
  services: Record<string, ClusterService>;
  database: TestDatabase;
  /** The URL of the cluster's own PostgreSQL database (one schema per subgraph in it). */
  databaseUrl: string;
  /** The Redis the processes share, and the channels and prefix that keep this cluster apart from others on it. */
  redis: { url: string; registryChannel: string; accessChannel: string; prefix: string };
  /** A caller token signed with the cluster's secret. */
  token(request: Partial<DevTokenRequest> & { corp: string }): Promise<string>;
  /** A verified context as the gateways sign it, for calling one subgraph replica directly. */
  signContext(auth: AuthContext, subgraph: string): Promise<string>;
  /** POST a GraphQL request through the gateways' proxy (or to one gateway replica: `at`). */
  request<Data = Record<string, any>>(query: string, options?: RequestOptions & { at?: Replica }): Promise<GraphQLResponse<Data>>;
  /** Stops every process (SIGTERM, then SIGKILL), the proxies, and drops the database. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SUPERGRAPH_FILE = path.join(ROOT, 'tooling', 'supergraph.graphql');
const HUB_FILE = path.join(ROOT, 'tooling', 'hub.json');

const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }).toString();

/** The settings we give; whatever the test runner has of them is left out. */
const OURS = /^(CORPHUB_|DATABASE_URL$|REDIS_URL$|NODE_ENV$|LOG_LEVEL$|PORT$|HOST$)/;

function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !OURS.test(name)));
}

function mainOf(packageName: string): string {
  const main = path.join(path.dirname(require.resolve(`${packageName}/package.json`)), 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  return main;
}

/** Starts one process and resolves once it logs the URL it listens on. */
function startProcess(service: string, index: number, main: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Replica> {
  const child: ChildProcess = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  let output = '';
  let pending = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  const label = `${service}#${index}`;
  return new Promise<Replica>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not listen within ${timeoutMs} ms:\n${output.slice(-4000)}`));
    }, timeoutMs);
    const onLine = (text: string) => {
      output += `${text}\n`;
      if (!text.startsWith('{')) return;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        return;
      }
      lines.push(line);
      const port = typeof line.url === 'string' && /listening$/.test(line.msg) ? /:(\d+)\//.exec(line.url)?.[1] : undefined;
      if (!port) return;
      clearTimeout(timer);
      // HOST is 127.0.0.1: the logged `localhost` may resolve to ::1 first
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        service,
        index,
        pid: child.pid!,
        url: `${origin}/graphql`,
        origin,
        lines: () => lines,
        output: () => output,
        alive: () => !exit,
        async kill(signal = 'SIGTERM') {
          if (!exit) child.kill(signal);
          await exited;
        },
      });
    };
    const read = (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const part of parts) onLine(part);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${exit?.signal ?? exit?.code}) before it listened:\n${output.slice(-4000)}`));
    });
  });
}

/** Stops a replica in order (SIGTERM), or for good after `graceMs`. */
async function stopReplica(replica: Replica, graceMs = 10_000): Promise<void> {
  if (!replica.alive()) return;
  const timer = setTimeout(() => void replica.kill('SIGKILL'), graceMs);
  await replica.kill('SIGTERM');
  clearTimeout(timer);
}

/**
 * The hub as a cluster on one machine: every subgraph (and any vendor module) and the gateway as separate OS
 * processes, `replicas` of each, their built entry points (`npm run build`) run as production runs them, on one
 * fresh PostgreSQL database (DATABASE_URL's server) and the Redis at REDIS_URL (default 127.0.0.1:6379), with
 * channels and a key prefix of their own. Each service sits behind a round-robin TCP proxy: gateways reach
 * subgraphs through theirs, subgraphs reach the gateway through the gateways' one, and so do clients.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  if (!process.env.DATABASE_URL) throw new Error('A cluster needs PostgreSQL: set DATABASE_URL (its server gets a fresh database)');
  const replicas = options.replicas ?? 2;
  const label = options.label ?? 'cluster';
  const manifest = JSON.parse(fs.readFileSync(HUB_FILE, 'utf8')) as { name: string }[];
  const subgraphs = options.subgraphs ?? manifest.map(({ name }) => name);
  const database = await testDatabase(label);
  const target = database.targetFor('any');
  const databaseUrl = target.dialect === 'postgresql' ? target.url : '';
  const unique = randomBytes(5).toString('hex');
  const redis = {
    url: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    registryChannel: `corphub-test:${unique}:registry`,
    accessChannel: `corphub-test:${unique}:access`,
    prefix: `corphub-test:${unique}:`,
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `corphub-${label}-`));
  const jwtSecret = randomBytes(32).toString('hex');
  const internalSecret = randomBytes(32).toString('hex');
  const contextKeys = generateKeyPairSync('ed25519');
  const proxies: RoundRobinProxy[] = [];
  const running: Replica[] = [];

  const stop = async () => {
    await Promise.all(running.map((replica) => stopReplica(replica)));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
    await database.drop();
    await fs.promises.rm(dataDir, { recursive: true, force: true });
  };
  // an interrupted run leaves no process behind
  const killAll = () => running.forEach((replica) => replica.alive() && process.kill(replica.pid, 'SIGKILL'));
  process.once('exit', killAll);

  try {
    const service = async (name: string): Promise<ClusterService> => {
      const proxy = await startRoundRobinProxy();
      proxies.push(proxy);
      return { name, proxy, url: `${proxy.origin}/graphql`, replicas: [] };
    };
    const gateway = await service('gateway');
    const services: Record<string, ClusterService> = {};
    for (const name of [...subgraphs, ...(options.modules ?? []).map((module) => module.name)]) services[name] = await service(name);

    const common: NodeJS.ProcessEnv = {
      ...baseEnv(),
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      CORPHUB_REGISTRY_CHANNEL: redis.registryChannel,
      CORPHUB_ACCESS_CHANNEL: redis.accessChannel,
      CORPHUB_REDIS_PREFIX: redis.prefix,
      CORPHUB_DATA_DIR: dataDir,
      CORPHUB_PUBLIC_URL: gateway.proxy.origin,
      CORPHUB_GATEWAY_URL: gateway.url,
      CORPHUB_CONTEXT_PUBLIC_KEY: pem(contextKeys.publicKey, 'spki'),
      // what a test should see at once must come from a notice, never from a poll or an expiry
      CORPHUB_REGISTRY_POLL_MS: '600000',
      CORPHUB_ACCESS_CACHE_SECONDS: '3600',
      // background loops turn quickly, so that a test waits seconds, not minutes
      CORPHUB_WEBHOOK_POLL_MS: '200',
      CORPHUB_OUTBOX_POLL_MS: '200',
      CORPHUB_WEBHOOK_RETRY_SCHEDULE_MS: '500',
      CORPHUB_WEBHOOKS_ALLOW_PRIVATE: '1',
      CORPHUB_MESSAGES_RATE_LIMIT: '100000',
      // a publish composes the supergraph: on a loaded machine that can take longer than the default 10 s
      CORPHUB_SUBGRAPH_TIMEOUT_MS: '60000',
      ...options.env,
    };
    const hubSubgraph: NodeJS.ProcessEnv = { ...common, CORPHUB_INTERNAL_SECRET: internalSecret };
    // a loaded machine starts 18 Node processes slowly; an idle 2-core one in about 30 s
    const startTimeout = 300_000;
    const startReplicas = (name: string, main: string, env: NodeJS.ProcessEnv) =>
      Array.from({ length: replicas }, (_, index) =>
        startProcess(name, index, main, env, startTimeout).then((replica) => {
          running.push(replica);
          services[name]?.replicas.push(replica);
          return replica;
        }),
      );
    // every replica of every subgraph at once: they migrate in turns (an advisory lock per schema)
    await Promise.all([
      ...subgraphs.flatMap((name) => startReplicas(name, mainOf(`@corphub/${name}`), hubSubgraph)),
      ...(options.modules ?? []).flatMap((module) => startReplicas(module.name, path.resolve(ROOT, module.main), common)),
    ]);
    for (const { proxy, replicas: members } of Object.values(services)) {
      members.sort((a, b) => a.index - b.index);
      proxy.setTargets(members.map((replica) => ({ host: '127.0.0.1', port: Number(new URL(replica.origin).port) })));
    }

    // the gateways read the registry (identity) before they listen: after the subgraphs
    const gatewayEnv: NodeJS.ProcessEnv = {
      ...common,
      CORPHUB_INTERNAL_SECRET: internalSecret,
      CORPHUB_JWT_SECRET: jwtSecret,
      CORPHUB_CONTEXT_PRIVATE_KEY: pem(contextKeys.privateKey, 'pkcs8'),
      CORPHUB_OIDC_SIGNING_KEY: pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'pkcs8'),
      CORPHUB_SUPERGRAPH_FILE: SUPERGRAPH_FILE,
      CORPHUB_HUB_FILE: HUB_FILE,
      ...Object.fromEntries(subgraphs.map((name) => [`CORPHUB_SUBGRAPH_${name.toUpperCase()}_URL`, services[name].url])),
    };
    const gateways = await Promise.all(
      Array.from({ length: replicas }, (_, index) =>
        startProcess('gateway', index, mainOf('@corphub/gateway'), gatewayEnv, startTimeout).then((replica) => {
          running.push(replica);
          return replica;
        }),
      ),
    );
    gateway.replicas.push(...gateways.sort((a, b) => a.index - b.index));
    gateway.proxy.setTargets(gateway.replicas.map((replica) => ({ host: '127.0.0.1', port: Number(new URL(replica.origin).port) })));
    for (const replica of gateway.replicas) {
      await waitFor(`${replica.service}#${replica.index} to be ready`, async () => (await fetch(`${replica.origin}/ready`).catch(() => undefined))?.status === 200, 60_000);
    }

    return {
      url: gateway.url,
      origin: gateway.proxy.origin,
      gateway,
      services,
      subgraphs: services,
      database,
      databaseUrl,
      redis,
      token: (request) => signDevToken({ role: Role.ADMIN, ...request }, jwtSecret),
      signContext: (auth, subgraph) => signWith(auth, contextKeys.privateKey, { alg: contextAlgorithm(contextKeys.privateKey), typ: 'JWT' }, subgraphAudience(subgraph), '60s'),
      request: (query, { at, ...requestOptions } = {}) => graphqlRequest(at?.url ?? gateway.url, query, requestOptions),
      stop: async () => {
        process.off('exit', killAll);
        await stop();
      },
    };
  } catch (error) {
    process.off('exit', killAll);
    await stop();
    throw error;
  }
}
