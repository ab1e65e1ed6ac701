/**
 * docker-compose.yml and the Dockerfile are checked against the code (there is no Docker engine in CI): the
 * subgraphs in SUBGRAPHS, their default ports, the committed supergraph's routing URLs and the env vars the
 * sources actually read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readSupergraph, SUBGRAPHS } from '@corphub/tooling';
import { envVarsReadIn } from '@corphub/tooling/testing';

const ROOT = path.join(__dirname, '..', '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const DOCKERFILE = path.join(ROOT, 'Dockerfile');

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | Record<string, unknown>)[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}

const composeText = fs.readFileSync(COMPOSE_FILE, 'utf8');
// `merge: true`: the file shares blocks with YAML merge keys (<<: *subgraph), as docker compose reads them
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

function commandLine(service: Service): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

function environment(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value == null ? '' : String(value)]));
}

function healthcheckLine(service: Service): string {
  const test = service.healthcheck?.test ?? '';
  return Array.isArray(test) ? test.join(' ') : test;
}

function dependsOn(service: Service): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition]));
}

/** What docker compose would substitute, with a stand-in for variables that have no default. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (_match, _name, operator?: string, word?: string) =>
    operator?.endsWith('-') ? (word ?? '') : 'stand-in',
  );
}

function subgraphUrlVar(name: string): string {
  return `CORPHUB_SUBGRAPH_${name.toUpperCase()}_URL`;
}

/** Every `env.X` / `process.env.X` / `env['X']` in the TypeScript sources of the workspaces. */
function envVarsReadByCode(): Set<string> {
  const sourceDirs = [
    path.join(ROOT, 'packages', 'module-kit', 'src'),
    path.join(ROOT, 'gateway', 'src'),
    ...fs
      .readdirSync(path.join(ROOT, 'subgraphs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(ROOT, 'subgraphs', entry.name, 'src')),
  ];
  return envVarsReadIn(sourceDirs);
}

/** The services (gateway, subgraphs) whose sources read an environment variable. */
function workspacesReading(variable: string): string[] {
  const reads = (dir: string): boolean =>
    fs.existsSync(dir) &&
    fs.readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return reads(file);
      return entry.name.endsWith('.ts') && new RegExp(`\\benv(?:\\.${variable}\\b|\\[\\s*['"\`]${variable}['"\`]\\s*\\])`).test(fs.readFileSync(file, 'utf8'));
    });
  return [
    ...(reads(path.join(ROOT, 'gateway', 'src')) ? ['gateway'] : []),
    ...SUBGRAPHS.map((definition) => definition.name).filter((name) => reads(path.join(ROOT, 'subgraphs', name, 'src'))),
  ];
}

/** The environment variables the official postgres image reads. */
const POSTGRES_IMAGE_ENV = /^(POSTGRES_[A-Z_]+|PGDATA)$/;

function subgraphServiceFor(name: string): Service {
  const candidates = Object.values(services).filter((service) => commandLine(service).includes(`subgraphs/${name}/dist/main.js`));
  expect(candidates).toHaveLength(1);
  return candidates[0];
}

describe('docker-compose.yml', () => {
  it('declares at least one subgraph (a sanity check on what the other tests iterate)', () => {
    expect(SUBGRAPHS.length).toBeGreaterThan(0);
  });

  describe.each(SUBGRAPHS.map((definition) => [definition.name, definition.defaultPort] as const))('the %s subgraph (default port %d)', (name, defaultPort) => {
    it('has a service named after it whose command runs the built subgraphs/<name>/dist/main.js', () => {
      expect(services[name]).toBeDefined();
      expect(commandLine(services[name])).toMatch(new RegExp(`^node subgraphs/${name}/dist/main\\.js$`));
      expect(subgraphServiceFor(name)).toBe(services[name]);
      // the entry point exists in the sources that `npm run build` compiles
      expect(fs.existsSync(path.join(ROOT, 'subgraphs', name, 'src', 'main.ts'))).toBe(true);
    });

    it('listens on its defaultPort on all interfaces', () => {
      const env = environment(services[name]);
      expect(Number(env.PORT)).toBe(defaultPort);
      expect(env.HOST).toBe('0.0.0.0');
    });

    it('is health-checked at /health on that same port', () => {
      const probe = healthcheckLine(services[name]);
      const match = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)\/health\b/.exec(probe);
      expect(match).not.toBeNull();
      expect(Number(match![1])).toBe(defaultPort);
    });

    it('runs in production on PostgreSQL, after PostgreSQL is healthy, and is not published', () => {
      const service = services[name];
      const env = environment(service);
      expect(env.NODE_ENV).toBe('production');
      expect(env.DATABASE_URL).toBeDefined();
      expect(dependsOn(service).postgres).toBe('service_healthy');
      expect(service.ports ?? []).toEqual([]);
    });

    it('is reached by the gateway at http://<name>:<defaultPort>/graphql, once healthy', () => {
      const gateway = services.gateway;
      expect(environment(gateway)[subgraphUrlVar(name)]).toBe(`http://${name}:${defaultPort}/graphql`);
      expect(dependsOn(gateway)[name]).toBe('service_healthy');
    });
  });

  it('routes the gateway only to subgraphs that exist in SUBGRAPHS', () => {
    const known = new Set(SUBGRAPHS.map((definition) => subgraphUrlVar(definition.name)));
    const routed = Object.keys(environment(services.gateway)).filter((name) => /^CORPHUB_SUBGRAPH_[A-Z0-9_]+_URL$/.test(name));
    expect(routed.filter((name) => !known.has(name))).toEqual([]);
  });

  it('has one service per subgraph plus postgres, redis, gateway and the load balancer, and nothing else', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'lb', 'postgres', 'redis', ...SUBGRAPHS.map((definition) => definition.name)].sort());
  });

  it('health-checks every service', () => {
    const unchecked = Object.entries(services).filter(([, service]) => healthcheckLine(service) === '');
    expect(unchecked.map(([name]) => name)).toEqual([]);
    expect(healthcheckLine(services.redis)).toContain('redis-cli ping');
  });

  it('gives REDIS_URL, pointing at the redis service, to every service whose code reads it, after Redis is healthy', () => {
    const readers = workspacesReading('REDIS_URL');
    // the scan finds what we know reads it: a broken scan would make this test vacuous
    expect(readers).toEqual(expect.arrayContaining(['gateway', 'identity', 'messages']));
    for (const name of readers) {
      expect({ name, url: environment(services[name]).REDIS_URL }).toEqual({ name, url: 'redis://redis:6379' });
      expect({ name, redis: dependsOn(services[name]).redis }).toEqual({ name, redis: 'service_healthy' });
    }
    const given = Object.entries(services).filter(([, service]) => environment(service).REDIS_URL !== undefined);
    expect(given.map(([name]) => name).sort()).toEqual([...readers].sort());
  });

  it('publishes only the load balancer, which routes to the gateway service by name on its port, so gateways scale', () => {
    const lb = services.lb;
    expect(lb.image).toMatch(/^caddy:2\b/);
    expect((lb.ports ?? []).map(String)).toEqual(['${GATEWAY_PORT:-4000}:4000']);
    expect(dependsOn(lb).gateway).toBe('service_healthy');
    const mount = ((lb as { volumes?: string[] }).volumes ?? []).find((volume) => volume.endsWith(':/etc/caddy/Caddyfile:ro'));
    expect(mount).toBeDefined();
    const caddyfile = fs.readFileSync(path.join(ROOT, mount!.split(':')[0]), 'utf8').replace(/#.*$/gm, '');
    // the site listens where the published port leads, and proxies to every address of the gateway service
    expect(caddyfile).toMatch(/^:4000\s*\{/m);
    const upstream = /dynamic\s+a\s+(\S+)\s+(\d+)/.exec(caddyfile);
    expect(upstream?.slice(1)).toEqual(['gateway', environment(services.gateway).PORT]);
    expect(caddyfile).toMatch(/lb_policy\s+round_robin/);
    // a fixed host port or container name on a scaled service would make `--scale` fail
    for (const name of ['gateway', ...SUBGRAPHS.map((definition) => definition.name)]) {
      expect({ name, ports: services[name].ports ?? [], containerName: (services[name] as { container_name?: string }).container_name }).toEqual({ name, ports: [], containerName: undefined });
    }
  });

  it('runs the gateway from its built main.js on port 4000, behind the load balancer', () => {
    const gateway = services.gateway;
    const command = commandLine(gateway);
    // no command means the image's default, which is the gateway too
    if (command) expect(command).toBe('node gateway/dist/main.js');
    expect(fs.existsSync(path.join(ROOT, 'gateway', 'src', 'main.ts'))).toBe(true);
    const env = environment(gateway);
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.PORT).toBe('4000');
    expect(gateway.ports ?? []).toEqual([]);
    expect(/http:\/\/(?:localhost|127\.0\.0\.1):(\d+)\/health\b/.exec(healthcheckLine(gateway))?.[1]).toBe(env.PORT);
    const published = Object.entries(services).filter(([, service]) => (service.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual(['lb']);
  });

  it('points every DATABASE_URL at the postgres service, its database and its user', () => {
    const postgres = services.postgres;
    expect(postgres.image).toMatch(/^postgres:15\b/);
    const pgEnv = environment(postgres);
    expect(healthcheckLine(postgres)).toContain('pg_isready');
    const withDatabase = Object.entries(services).filter(([, service]) => environment(service).DATABASE_URL !== undefined);
    expect(withDatabase.map(([name]) => name).sort()).toEqual(SUBGRAPHS.map((definition) => definition.name).sort());
    for (const [, service] of withDatabase) {
      const raw = environment(service).DATABASE_URL;
      const url = new URL(interpolate(raw));
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.hostname).toBe('postgres');
      expect(url.port || '5432').toBe('5432');
      expect(url.pathname).toBe(`/${pgEnv.POSTGRES_DB}`);
      expect(decodeURIComponent(url.username)).toBe(pgEnv.POSTGRES_USER ?? 'postgres');
      // the same password expression as the server's, so that overriding POSTGRES_PASSWORD changes both
      expect(raw).toContain(`:${pgEnv.POSTGRES_PASSWORD}@`);
    }
  });

  it('sets only environment variables that the code (or the postgres image) reads', () => {
    const known = envVarsReadByCode();
    // the reading code is where we expect it: a broken scan would make this test vacuous
    expect([...known]).toEqual(expect.arrayContaining(['NODE_ENV', 'PORT', 'HOST', 'DATABASE_URL', 'CORPHUB_JWT_SECRET', 'CORPHUB_INTERNAL_SECRET', 'CORPHUB_CONTEXT_PRIVATE_KEY', 'CORPHUB_CONTEXT_PUBLIC_KEY']));
    for (const definition of SUBGRAPHS) known.add(subgraphUrlVar(definition.name)); // subgraphUrlsFromEnv reads the pattern
    const unknown: string[] = [];
    for (const [serviceName, service] of Object.entries(services)) {
      for (const name of Object.keys(environment(service))) {
        const readByImage = serviceName === 'postgres' && POSTGRES_IMAGE_ENV.test(name);
        if (!known.has(name) && !readByImage) unknown.push(`${serviceName}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('requires every secret from the environment (${VAR:?...}), never a default or a literal', () => {
    const secretName = /SECRET|TOKEN|PRIVATE_KEY/;
    // set during a key rotation only: empty otherwise, never a literal key
    const optional = new Set(['CORPHUB_CONTEXT_NEXT_PRIVATE_KEY']);
    const interpolations = [...composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}/g)];
    const secretInterpolations = interpolations.filter(([, name]) => secretName.test(name));
    expect(secretInterpolations.length).toBeGreaterThan(0);
    for (const [whole, name, rest] of secretInterpolations) expect({ whole, required: optional.has(name) ? rest === ':-' : rest.startsWith(':?') }).toEqual({ whole, required: true });
    for (const [serviceName, service] of Object.entries(services)) {
      for (const [name, value] of Object.entries(environment(service))) {
        const expected = optional.has(name) ? `^\\$\\{${name}:-\\}$` : `^\\$\\{${name}:\\?[^}]*\\}$`;
        if (secretName.test(name)) expect({ serviceName, name, value }).toEqual({ serviceName, name, value: expect.stringMatching(new RegExp(expected)) });
      }
    }
  });

  it("gives only the gateway the context's private key, and every subgraph its public key", () => {
    expect(environment(services.gateway).CORPHUB_CONTEXT_PRIVATE_KEY).toMatch(/^\$\{CORPHUB_CONTEXT_PRIVATE_KEY:\?/);
    for (const definition of SUBGRAPHS) {
      const env = environment(services[definition.name]);
      expect(env.CORPHUB_CONTEXT_PUBLIC_KEY).toMatch(/^\$\{CORPHUB_CONTEXT_PUBLIC_KEY:\?/);
      expect(env.CORPHUB_CONTEXT_PRIVATE_KEY).toBeUndefined();
    }
  });

  it('gives the gateway and every subgraph the internal key, and only the gateway the caller-token key', () => {
    expect(environment(services.gateway).CORPHUB_JWT_SECRET).toMatch(/^\$\{CORPHUB_JWT_SECRET:\?/);
    for (const name of ['gateway', ...SUBGRAPHS.map((definition) => definition.name)]) {
      expect(environment(services[name]).CORPHUB_INTERNAL_SECRET).toMatch(/^\$\{CORPHUB_INTERNAL_SECRET:\?/);
    }
    for (const definition of SUBGRAPHS) expect(environment(services[definition.name]).CORPHUB_JWT_SECRET).toBeUndefined();
  });
});

describe('the committed supergraph', () => {
  const graphs = [...readSupergraph().matchAll(/@join__graph\(\s*name:\s*"([^"]+)"\s*,\s*url:\s*"([^"]+)"\s*\)/g)].map(([, name, url]) => ({ name, url }));

  it('joins exactly the subgraphs in SUBGRAPHS', () => {
    expect(graphs.map((graph) => graph.name).sort()).toEqual(SUBGRAPHS.map((definition) => definition.name).sort());
  });

  it.each(SUBGRAPHS.map((definition) => [definition.name, definition.defaultPort] as const))(
    'routes %s to its defaultPort %d, the port its compose service listens on',
    (name, defaultPort) => {
      const graph = graphs.find((candidate) => candidate.name === name);
      expect(graph).toBeDefined();
      const url = new URL(graph!.url);
      expect(Number(url.port)).toBe(defaultPort);
      expect(url.pathname).toBe('/graphql');
      expect(Number(environment(services[name]).PORT)).toBe(Number(url.port));
    },
  );
});

describe('Dockerfile', () => {
  const dockerfile = fs.existsSync(DOCKERFILE) ? fs.readFileSync(DOCKERFILE, 'utf8') : '';
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('exists beside docker-compose.yml, which builds every service from it', () => {
    expect(dockerfile).not.toBe('');
    for (const name of ['gateway', ...SUBGRAPHS.map((definition) => definition.name)]) expect(services[name].build).toBe('.');
  });

  it('builds the dist folders that the compose commands run, with `npm ci` and `npm run build`', () => {
    expect(instructions.some((line) => /^RUN\b.*\bnpm ci\b(?!.*--omit=dev)/.test(line))).toBe(true);
    expect(instructions.some((line) => /^RUN\b.*\bnpm run build\b/.test(line))).toBe(true);
    // `npm run build` is `tsc -b tsconfig.build.json`: every workspace a service runs is one of its references
    const buildConfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as { references: { path: string }[] };
    const built = new Set(buildConfig.references.map((reference) => reference.path));
    // the services built from this image (redis, postgres and the load balancer run images of their own)
    for (const service of Object.values(services).filter((candidate) => candidate.build === '.')) {
      const match = /^node ((?:gateway|subgraphs\/[a-z0-9-]+))\/dist\/main\.js$/.exec(commandLine(service));
      if (commandLine(service)) expect(match).not.toBeNull();
      if (match) expect(built).toContain(match[1]);
    }
  });

  it('ships production dependencies, the committed supergraph, runs as a non-root user and starts the gateway by default', () => {
    const stages = instructions.filter((line) => /^FROM\b/i.test(line));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const runtime = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));
    expect(runtime.some((line) => /^RUN\b.*\bnpm (ci --omit=dev|prune\b)/.test(line))).toBe(true);
    expect(dockerfile).toContain('tooling/supergraph.graphql tooling/hub.json');
    expect(runtime).toContain('ENV CORPHUB_SUPERGRAPH_FILE=/app/tooling/supergraph.graphql');
    const user = runtime.filter((line) => /^USER\b/.test(line)).pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(:|$)/);
    expect(runtime.filter((line) => /^CMD\b/.test(line)).pop()).toBe('CMD ["node", "gateway/dist/main.js"]');
  });

  it('keeps node_modules, dist, stale build info, data and .git out of the build context', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    for (const pattern of ['node_modules', 'dist', '*.tsbuildinfo']) expect(ignore).toContain(`**/${pattern}`);
    for (const pattern of ['data', '.git', 'coverage']) expect(ignore).toContain(pattern);
  });
});
