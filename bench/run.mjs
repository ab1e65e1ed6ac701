#!/usr/bin/env node
// `npm run bench`: seeds a large corp, starts the subgraphs, our gateway and the peer gateways (each in
// its own process) on the same supergraph and data, checks that they all give the same answers, counts
// SQL statements per request, then loads each target in turn with autocannon. See bench/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs, isDeepStrictEqual } from 'node:util';
import { BENCH_DIR, ROOT_DIR, ensureBenchDependencies, ensureBuilt, loadWorkspace } from './lib/workspace.mjs';
import { summarizeProfile } from './lib/profile.mjs';
import { spawnChild } from './lib/ipc.mjs';
import { seedInProcess, spawnSeeder, startSubgraphFleet } from './lib/subgraph-fleet.mjs';

/** `--profile-subgraphs` writes here (a folder per subgraph); `--profile` (our gateway) into its parent. */
const SUBGRAPHS_PROFILE_DIR = path.join(BENCH_DIR, 'results', 'profiles', 'subgraphs');

const HELP = `Usage: npm run bench -- [options]

  --quick             under a minute: 500 people, 0.3 s runs, no warm-up (the check has sent each query once)
  --dry               everything but the load: start, seed a tiny corp, run each query once per target,
                      check the answers are identical, count SQL statements, print the table skeleton
  --people N          people in the main corp (default 10000)
  --duration S        seconds of measured load per target and query, over all rounds (default 12)
  --warmup S          seconds of warm-up before each run, excluded (default 3)
  --connections N     concurrent connections (default 10, quick 4)
  --mixed-connections N  connections of the mixed load, every query at once, for peak memory (default 32, quick 8)
  --rounds N          split each target's measured time into N rounds, targets interleaved (default 3, quick 1)
  --targets a,b       only these targets (direct, ours, hive, hive-nodedup, apollo); ours always runs
  --queries a,b       only these queries (see bench/queries.mjs)
  --postgres          run on PostgreSQL (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres):
                      a uniquely named database, dropped afterwards. DATABASE_URL set also selects it.
  --profile           run our gateway with --cpu-prof and print its top self-time functions
  --profile-subgraphs the same for each subgraph's process (under every target's load: add --targets direct
                      to see a subgraph alone)
  --production-heap   run each gateway and subgraph process with the V8 heap options its Kubernetes container has
                      (NODE_OPTIONS in deploy/kubernetes/base/<name>.yaml: --max-old-space-size); without it, Node's defaults
  --summary-here-only time the monthly attendance summaries (a division, the whole corp) on this run's database only
                      (by default also on the other dialect: a second directory + attendance, seeded alike)
  --help`;

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      dry: { type: 'boolean', default: false },
      people: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'mixed-connections': { type: 'string' },
      rounds: { type: 'string' },
      targets: { type: 'string' },
      queries: { type: 'string' },
      postgres: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'profile-subgraphs': { type: 'boolean', default: false },
      'summary-here-only': { type: 'boolean', default: false },
      'production-heap': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const number = (value, fallback) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`expected a positive number, got "${value}"`);
    return parsed;
  };
  const list = (value) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : null);
  const preset = values.dry
    ? { people: 100, duration: 0, warmup: 0, connections: 10, rounds: 1, mixedConnections: 8 }
    : values.quick
      ? { people: 500, duration: 0.3, warmup: 0, connections: 4, rounds: 1, mixedConnections: 8 }
      : { people: 10_000, duration: 12, warmup: 3, connections: 10, rounds: 3, mixedConnections: 32 };
  return {
    help: values.help,
    quick: values.quick,
    dry: values.dry,
    people: Math.round(number(values.people, preset.people)),
    duration: number(values.duration, preset.duration),
    warmup: values.warmup === '0' ? 0 : number(values.warmup, preset.warmup),
    connections: Math.round(number(values.connections, preset.connections)),
    mixedConnections: Math.round(number(values['mixed-connections'], preset.mixedConnections)),
    rounds: Math.round(number(values.rounds, preset.rounds)),
    targets: list(values.targets),
    queries: list(values.queries),
    postgres: values.postgres || Boolean(process.env.DATABASE_URL),
    profile: values.profile,
    profileSubgraphs: values['profile-subgraphs'],
    summaryBoth: !values['summary-here-only'],
    productionHeap: values['production-heap'],
  };
}

/**
 * One figure from several rounds: requests/s over the whole measured time; p50, p90, p99 and mean latency
 * averaged over the rounds weighted by their requests (an approximation: autocannon gives percentiles, not
 * histograms); errors summed.
 */
function combineRounds(results) {
  if (results.length === 1) return results[0];
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const duration = results.reduce((sum, r) => sum + r.duration, 0);
  const weighted = (field) => (requests ? Math.round(results.reduce((sum, r) => sum + r[field] * r.requests, 0) / requests) : 0);
  const sum = (field) => results.reduce((total, r) => total + r[field], 0);
  const cpuMicros = {};
  for (const result of results) for (const [role, micros] of Object.entries(result.cpuMicros ?? {})) cpuMicros[role] = (cpuMicros[role] ?? 0) + micros;
  // memory: the highest peak of any round, per process
  const peakMiB = {};
  for (const result of results) for (const [role, mib] of Object.entries(result.peakMiB ?? {})) peakMiB[role] = Math.max(peakMiB[role] ?? 0, mib);
  return {
    cpuMicros,
    peakMiB,
    rps: Math.round((requests / duration) * 10) / 10,
    p50: weighted('p50'),
    p90: weighted('p90'),
    p99: weighted('p99'),
    meanLatency: weighted('meanLatency'),
    requests,
    errors: sum('errors'),
    non2xx: sum('non2xx'),
    graphqlErrors: sum('graphqlErrors'),
    bytesPerSecond: Math.round(sum('bytesPerSecond') / results.length),
    duration,
    rounds: results.map((r) => r.rps),
    load: results.at(-1).load,
  };
}

/** The summary query for one department, `runs` times one after another (no concurrency) after one untimed: median, min and max in ms. */
async function timeSummary({ url, headers, post, runs, department }) {
  const { departmentSummary } = await import('./queries.mjs');
  const times = [];
  // one untimed first request: the gateway's plan, the connections and the databases' caches warm up
  let answer = await post(url, headers, departmentSummary.query, departmentSummary.variables(department));
  for (let i = 0; i < runs && !answer.errors; i++) {
    const begun = performance.now();
    answer = await post(url, headers, departmentSummary.query, departmentSummary.variables(department));
    times.push(performance.now() - begun);
  }
  if (answer.errors) throw new Error(`department summary of ${department} failed: ${JSON.stringify(answer.errors).slice(0, 300)}`);
  times.sort((a, b) => a - b);
  const round = (ms) => Math.round(ms * 10) / 10;
  return { memberCount: answer.data.departmentAttendance.memberCount, runs, medianMs: round(times[Math.floor(times.length / 2)]), minMs: round(times[0]), maxMs: round(times.at(-1)) };
}

/** The summary of each department of `departmentSummary.departments` (a division, the whole corp) on one database: a row each; a failure is a row too. */
async function timeSummaries({ database, ...options }) {
  const { departmentSummary } = await import('./queries.mjs');
  const rows = [];
  for (const [scope, department] of Object.entries(departmentSummary.departments)) {
    try {
      rows.push({ database, scope, department, ...(await timeSummary({ ...options, department })) });
    } catch (error) {
      rows.push({ database, scope, department, skipped: error.message });
    }
  }
  return rows;
}

/**
 * The summary on the dialect this run does not use: its own throwaway database with the directory and
 * attendance of the main corp seeded alike (in a seed process of its own), served by processes of its own:
 * identity, directory and attendance, and our gateway (idle while the other is timed, stopped before the
 * load, so the main processes' memory figures are theirs alone). Started once the main run is seeded, beside
 * its checks, timed later on its own. Without a PostgreSQL server it says so and the run goes on.
 */
async function prepareOtherDialect({ options, corp, testing, childEnv, supergraphSdl, log }) {
  const env = options.postgres ? {} : { DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres' };
  const wanted = env.DATABASE_URL ? 'postgresql' : 'sqlite';
  let database;
  try {
    database = await testing.testDatabase('bench_summary', env);
  } catch (error) {
    return { skipped: { database: wanted, skipped: `no ${wanted} database: ${error.message}` }, stop: async () => undefined };
  }
  // only what the summary asks: the gateway never calls the others
  const only = ['identity', 'directory', 'attendance'];
  // forked first: they load their modules while the seed process writes
  const fleet = startSubgraphFleet(only, { env: childEnv });
  const oursProcess = spawnChild('./gateway-process.mjs', { args: ['ours'], env: childEnv, label: 'ours (other dialect)' });
  const stop = async () => {
    await Promise.all([oursProcess.stop(), fleet.stop()].map((stopping) => stopping.catch(() => undefined)));
    await database.drop().catch(() => undefined);
  };
  try {
    const databases = Object.fromEntries(only.map((name) => [name, database.targetFor(name)]));
    const seeded = await seedInProcess({ env: childEnv, databases, corps: [corp], only });
    const { urls } = await fleet.start({ databases });
    // after the seed: a gateway reads identity's registry at start
    const { url } = await oursProcess.call('start', { kind: 'ours', supergraphSdl, urls });
    await fleet.setGatewayUrl({ url });
    log(`${database.dialect}: seeded identity (its installed modules), directory and attendance of ${corp.id} again for the summary in ${(seeded.ms / 1000).toFixed(1)} s`);
    return { database: database.dialect, url, seedMs: seeded.ms, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const startedAt = Date.now();
const log = (message) => console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)} s] ${message}`);

/** The V8 heap options (`--max-old-space-size=…`) of a workload's Kubernetes container: its NODE_OPTIONS in deploy/kubernetes/base. */
function kubernetesHeapOptions(name) {
  const manifest = fs.readFileSync(path.join(ROOT_DIR, 'deploy', 'kubernetes', 'base', `${name}.yaml`), 'utf8');
  const value = /\{ name: NODE_OPTIONS, value: ([^}]+?) \}/.exec(manifest)?.[1];
  if (!value) throw new Error(`deploy/kubernetes/base/${name}.yaml sets no NODE_OPTIONS`);
  return value.split(/\s+/);
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  // --production-heap: V8's old-generation cap also sets how far its heap grows before a full GC (a growth
  // factor of about 1.3 under 256-320 MiB, up to 4 uncapped), so peak RSS differs widely from Node's defaults
  const heapOptionsOf = (name) => (options.productionHeap ? kubernetesHeapOptions(name) : []);
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  ensureBenchDependencies(log);
  ensureBuilt(log);

  // after the install: these import autocannon and the workspaces' dist/
  const { targets: allTargets } = await import('./lib/targets.mjs');
  const targets = allTargets.filter((target) => target.name === 'ours' || !options.targets || options.targets.includes(target.name));
  const unknownTargets = (options.targets ?? []).filter((name) => !allTargets.some((target) => target.name === name));
  if (unknownTargets.length) throw new Error(`unknown targets: ${unknownTargets.join(', ')}`);

  // fresh secrets per run: the children read them from the environment, as the hub's processes do
  const contextKeys = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const security = { jwtSecret: randomBytes(32).toString('base64url'), internalSecret: randomBytes(32).toString('base64url'), contextPrivateKey: contextKeys.privateKey };
  const childEnv = {
    CORPHUB_JWT_SECRET: security.jwtSecret,
    CORPHUB_INTERNAL_SECRET: security.internalSecret,
    CORPHUB_CONTEXT_PRIVATE_KEY: contextKeys.privateKey,
    CORPHUB_CONTEXT_PUBLIC_KEY: contextKeys.publicKey,
    CORPHUB_OIDC_SIGNING_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey,
    // the issuer production asks for; the bench hands out no URL
    CORPHUB_PUBLIC_URL: 'http://localhost:4000',
    // bench-only: the background polls (identity's webhook deliveries, the outboxes, our gateway's registry)
    // run every 10 minutes instead of every second or ten: the bench writes nothing for them to find, and a
    // poll's statement landing in a slow request's count made SQL per request flaky on a loaded machine
    CORPHUB_WEBHOOK_POLL_MS: '600000',
    CORPHUB_OUTBOX_POLL_MS: '600000',
    CORPHUB_REGISTRY_POLL_MS: '600000',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    NODE_ENV: 'production',
  };
  const children = [];
  let database;
  let other;
  const cleanup = async () => {
    // the other dialect's servers live in these processes: closed first
    await other?.then((ready) => ready.stop(), () => undefined);
    // no load runs any more: every process stops at once
    await Promise.all(children.splice(0).map((child) => child.stop().catch(() => undefined)));
    await database?.drop().catch((error) => log(`could not drop the bench database: ${error.message}`));
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  // the gateways' processes first: each loads its modules (most of its start-up) while the rest starts and seeds
  const gatewayChildren = targets
    .filter((target) => target.gateway)
    .map((target) => {
      const profileDir = path.join(BENCH_DIR, 'results', 'profiles');
      const execArgv = [...heapOptionsOf('gateway'), ...(options.profile && target.name === 'ours' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
      const child = spawnChild('./gateway-process.mjs', { args: [target.gateway], env: childEnv, execArgv, label: target.name });
      children.push(child);
      return { target, child };
    });
  // the subgraphs by the committed tooling/hub.json (`npm run compose` writes it from SUBGRAPHS), so that their
  // processes and the seed process fork before this one loads the workspace: one process per subgraph, as in
  // production, each loading its modules while the rest starts and the seed process writes
  const subgraphNames = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'tooling', 'hub.json'), 'utf8')).map((subgraph) => subgraph.name);
  const subgraphs = startSubgraphFleet(subgraphNames, {
    env: childEnv,
    execArgvFor: (name) => [...heapOptionsOf(name), ...(options.profileSubgraphs ? ['--cpu-prof', `--cpu-prof-dir=${path.join(SUBGRAPHS_PROFILE_DIR, name)}`] : [])],
  });
  const seeder = spawnSeeder(childEnv);
  children.push(...subgraphs.children, seeder);
  const { gateway, shared, testing } = loadWorkspace();
  const hubNames = gateway.SUBGRAPHS.map((definition) => definition.name);
  if (hubNames.join() !== subgraphNames.join()) throw new Error(`tooling/hub.json lists ${subgraphNames.join(', ')} but SUBGRAPHS has ${hubNames.join(', ')}: run npm run compose`);

  const { measure } = await import('./lib/load.mjs');
  const { machineInfo, ratios, render } = await import('./lib/report.mjs');
  const { queries: allQueries } = await import('./queries.mjs');
  const { corpsFor } = await import('./seeders.mjs');

  const machine = machineInfo();
  const selectedQueries = allQueries.filter((query) => !options.queries || options.queries.includes(query.name));
  if (selectedQueries.length === 0) throw new Error(`no query matches --queries ${options.queries?.join(',')}`);
  const databaseEnv = options.postgres ? { DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres' } : {};
  database = await testing.testDatabase('bench', databaseEnv);
  const corps = corpsFor(options);
  const corp = corps[0];
  const summaryHere = subgraphNames.includes('attendance') && subgraphNames.includes('directory');
  const supergraphSdl = gateway.readSupergraph();

  const failures = [];
  const phases = [];
  let phaseStarted = startedAt;
  /** Seconds since the previous phase ended (or the bench started), for the table of phases. */
  const phase = (name) => {
    phases.push({ name, seconds: Math.round((Date.now() - phaseStarted) / 100) / 10 });
    phaseStarted = Date.now();
  };
  phase('start-up (build check, imports, database)');
  const report = {
    date: new Date().toISOString(),
    machine,
    settings: {
      quick: options.quick,
      productionHeap: options.productionHeap,
      dry: options.dry,
      database: database.dialect,
      corp: corp.id,
      people: corp.people,
      connections: options.connections,
      mixedConnections: options.mixedConnections,
      duration: options.duration,
      rounds: options.rounds,
      warmup: options.warmup,
    },
    targets: targets.map(({ name, label }) => ({ name, label })),
    seed: null,
    phases,
    queries: [],
    sql: [],
    summary: [],
    idleMemory: null,
    mixed: null,
    profile: null,
    subgraphsProfiles: [],
  };

  try {
    log(`${database.dialect}: migrating and seeding ${subgraphNames.join(', ')} (a seed process), ${corps.map((c) => `${c.id} (${c.people} people)`).join(', ')}, while the subgraphs' and gateways' processes load`);
    const databases = Object.fromEntries(subgraphNames.map((name) => [name, database.targetFor(name)]));
    const seeded = await seedInProcess({ env: childEnv, databases, corps, seeder });
    report.seed = seeded;
    log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s (subgraphs side by side)`);
    const { urls } = await subgraphs.start({ databases });
    log(`started subgraphs ${subgraphNames.join(', ')}, a process each`);
    for (const [name, { ms, rows }] of Object.entries(seeded.subgraphs)) log(`seeded ${name} in ${(ms / 1000).toFixed(1)} s: ${Object.entries(rows).map(([table, count]) => `${count} ${table}`).join(', ')}`);
    phase('subgraphs and seeding');
    // then the gateways, their modules loaded meanwhile (a gateway reads identity's registry at start, which
    // the seeding process would answer late)
    const urlOf = {};
    await Promise.all(
      gatewayChildren.map(async ({ target, child }) => {
        urlOf[target.name] = (await child.call('start', { kind: target.gateway, supergraphSdl, urls })).url;
      }),
    );
    log(`started ${gatewayChildren.map(({ target }) => target.name).join(', ')}`);
    // attendance reads the directory through the graph: through our gateway, whichever gateway called it
    await subgraphs.setGatewayUrl({ url: urlOf.ours });
    phase('gateways');

    // idle memory: every process started, no request served yet
    const idleGateways = await Promise.all(gatewayChildren.map(async ({ target, child }) => [target.name, (await child.call('memoryStop')).nowMiB]));
    const idleSubgraphs = await subgraphs.memoryStart();
    await subgraphs.memoryStop();
    report.idleMemory = { gateways: Object.fromEntries(idleGateways), subgraphs: idleSubgraphs };
    log(`idle RSS, MiB: ${[...idleGateways, ...Object.entries(idleSubgraphs)].map(([name, mib]) => `${name} ${mib}`).join(', ')}`);

    // the summary on the other dialect: its database, subgraphs and gateway made ready (processes of their
    // own) beside the checks that follow, once the idle memory is read
    if (summaryHere && options.summaryBoth) {
      other = prepareOtherDialect({ options, corp, testing, childEnv, supergraphSdl, log });
      other.catch(() => undefined); // awaited (and its failure thrown) before the summary is timed
    }

    // one admin of the main corp: our gateway gets their caller token, the peers and the direct
    // subgraph get the verified context our gateway would derive from it (bench-only: signed for the
    // whole run instead of 60 s, since the peers replay it as is)
    const contextKey = new gateway.ContextSigningKey(security.contextPrivateKey);
    /** An admin's headers by target kind: a caller token (ours) and the verified context derived from it (the others). */
    const adminHeaders = async (union) => {
      const claims = gateway.devTokenClaims({ corp: corp.id, role: shared.Role.ADMIN, union });
      // with the modules the bench corp installed (identity's seedBenchmark): module subgraphs answer only with them;
      // one token for every subgraph (its audience lists them all), since the peers forward it as is
      const context = await contextKey.sign({ ...claims, modules: ['attendance', 'expenses', 'logs'] }, subgraphNames.map(shared.subgraphAudience), '12h');
      return { caller: { authorization: `Bearer ${await gateway.signCallerToken(claims, security.jwtSecret, '12h')}` }, context: { [shared.CONTEXT_HEADER]: context } };
    };
    const admin = await adminHeaders(seeded.summary[corp.id].adminUnionId);
    const headersFor = (target) => admin[target.auth];
    // queries sent by many callers (`callers`): each an admin of the corp with headers of their own
    const callerCount = Math.max(0, ...selectedQueries.map((query) => query.callers ?? 0));
    const callerHeaders = await Promise.all(seeded.summary[corp.id].callerUnionIds.slice(0, callerCount).map(adminHeaders));

    const post = async (url, headers, query, variables) => {
      const response = await globalThis.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      const text = await response.text();
      try {
        return { status: response.status, ...JSON.parse(text) };
      } catch {
        return { status: response.status, errors: [{ message: text.slice(0, 200) }] };
      }
    };
    const ours = targets.find((target) => target.name === 'ours');
    const throughOurs = async (query, variables) => {
      const response = await post(urlOf.ours, headersFor(ours), query, variables);
      if (response.errors) throw new Error(`${JSON.stringify(response.errors)}`);
      return response.data;
    };
    const urlFor = (target, query) => (target.gateway ? urlOf[target.name] : query.direct && urls[query.direct]);

    // check: every target gives the same answer, without errors; then SQL statements per request
    const runnable = [];
    for (const query of selectedQueries) {
      const entry = { name: query.name, title: query.title, results: {}, ratios: null };
      report.queries.push(entry);
      const missing = query.requires.filter((name) => !subgraphNames.includes(name));
      if (missing.length) {
        entry.skipped = `needs subgraph${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, not in the hub yet`;
        log(`${query.name}: ${entry.skipped}`);
        continue;
      }
      const data = query.prepare ? await query.prepare({ request: throughOurs }) : {};
      const variables = query.variables(data, (list) => list[0]);
      // every target at once: a check, not a timing
      const asked = targets.filter((target) => urlFor(target, query));
      const replies = await Promise.all(asked.map((target) => post(urlFor(target, query), headersFor(target), query.query, variables)));
      const answers = Object.fromEntries(asked.map((target, i) => [target.name, replies[i]]));
      const reference = answers.ours;
      if (reference.errors?.some((error) => error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) {
        entry.skipped = `does not validate against the supergraph yet: ${reference.errors[0].message}`;
        log(`${query.name}: ${entry.skipped}`);
        continue;
      }
      const failed = failures.length;
      for (const [name, answer] of Object.entries(answers)) {
        if (answer.status !== 200 || answer.errors) failures.push(`${query.name} on ${name}: HTTP ${answer.status} ${JSON.stringify(answer.errors ?? '')}`);
        else if (!isDeepStrictEqual(answer.data, reference.data)) failures.push(`${query.name} on ${name}: answer differs from ours`);
      }
      if (failures.length > failed) {
        log(`${query.name}: the targets disagree or fail (see the end)`);
        continue;
      }
      const size = JSON.stringify(reference.data ?? null).length;
      log(`${query.name}: identical answers from ${Object.keys(answers).join(', ')} (${size} bytes of data)`);
      if (query.sql) {
        await subgraphs.countStart();
        await throughOurs(query.query, variables);
        const statements = await subgraphs.countStop();
        report.sql.push({ query: query.name, statements });
      }
      for (const target of targets) if (answers[target.name]) entry.results[target.name] = null;
      runnable.push({ query, entry, data });
    }

    phase('checks and SQL per request');

    // the department monthly attendance summary, timed alone on this run's database, then on the other dialect
    if (failures.length === 0 && summaryHere) {
      const runs = options.dry ? 1 : options.quick ? 3 : 7;
      // the other dialect's seeding and start-up must not run beside a timing
      const ready = await other;
      const summaries = async (rows) => {
        report.summary.push(...rows);
        for (const row of rows) log(`summary on ${row.database}: ${JSON.stringify(row)}`);
      };
      await summaries(await timeSummaries({ database: database.dialect, url: urlOf.ours, headers: headersFor(ours), post, runs }));
      if (ready?.skipped) await summaries([ready.skipped]);
      else if (ready) await summaries((await timeSummaries({ database: ready.database, url: ready.url, headers: headersFor(ours), post, runs })).map((row) => ({ ...row, seedMs: ready.seedMs })));
      await ready?.stop();
      other = undefined;
      phase('monthly summary, both dialects (the other one waited for if need be)');
    }

    /**
     * What measure() reads of the processes serving `target`: CPU (the gateway's, the subgraphs' summed over
     * their processes) and peak RSS (the gateway's, each subgraph's) over the measured run.
     */
    const usage = (target) => {
      const gatewayChild = gatewayChildren.find((entry) => entry.target.name === target.name)?.child;
      return {
        cpu: async () => {
          const [gatewayCpu, subgraphsCpu] = await Promise.all([gatewayChild?.call('cpu'), subgraphs.cpu()]);
          return gatewayChild ? { gateway: gatewayCpu, subgraphs: subgraphsCpu } : { subgraphs: subgraphsCpu };
        },
        memory: {
          start: () => Promise.all([gatewayChild?.call('memoryStart'), subgraphs.memoryStart()]),
          stop: async () => {
            const [gatewayMemory, subgraphsPeak] = await Promise.all([gatewayChild?.call('memoryStop'), subgraphs.memoryStop()]);
            return { ...(gatewayMemory ? { gateway: gatewayMemory.peakMiB } : {}), ...subgraphsPeak };
          },
        },
      };
    };

    if (!options.dry && failures.length === 0) {
      // the profile counts only what follows: start-up, seeding and the checks stay out of it
      if (options.profile) report.profileSince = await children.find((child) => child.label === 'ours')?.call('mark');
      if (options.profileSubgraphs) report.subgraphsProfileSince = await subgraphs.mark();
      for (const { query, entry, data } of runnable) {
        const measured = targets.filter((target) => target.name in entry.results);
        // rounds: each target measured `rounds` times for duration/rounds, targets interleaved and the
        // order rotated each round, so that a burst of other work on the shared machine hits them all
        const rounds = {};
        for (let round = 0; round < options.rounds; round++) {
          for (let i = 0; i < measured.length; i++) {
            const target = measured[(i + round) % measured.length];
            const result = await measure({
              url: urlFor(target, query),
              headers: headersFor(target),
              callers: query.callers ? callerHeaders.slice(0, query.callers).map((headers) => headers[target.auth]) : undefined,
              query: query.query,
              variables: query.variables,
              varies: query.varies,
              data,
              connections: options.connections,
              duration: options.duration / options.rounds,
              warmup: round === 0 ? options.warmup : 0,
              // quick runs are short: each connection gets an answer, so every cell has a figure
              untilAnswered: options.quick,
              ...usage(target),
            });
            (rounds[target.name] ??= []).push(result);
          }
        }
        for (const target of measured) {
          const result = combineRounds(rounds[target.name]);
          entry.results[target.name] = result;
          log(`${query.name} on ${target.name}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors + result.non2xx + result.graphqlErrors}${options.rounds > 1 ? ` (rounds: ${rounds[target.name].map((r) => r.rps).join(', ')} req/s)` : ''}`);
        }
        entry.ratios = ratios(entry.results);
        phase(`load: ${query.name}`);
      }

      // mixed load: many connections, each sending every query in turn, on each gateway: the peak memory of
      // the gateway and of each subgraph under a busy hour (the issue's "gateway under 200 MB" target)
      const mix = runnable.map(({ query, data }) => ({ query, data }));
      const gatewaysMeasured = targets.filter((target) => target.gateway);
      if (mix.length) {
        report.mixed = { queries: mix.map(({ query }) => query.name), connections: options.mixedConnections, results: {} };
        for (const target of gatewaysMeasured) {
          const result = await measure({
            url: urlOf[target.name],
            headers: headersFor(target),
            mix: mix.map(({ query, data }) => ({
              query: query.query,
              variables: query.variables,
              varies: query.varies,
              data,
              callers: query.callers ? callerHeaders.slice(0, query.callers).map((headers) => headers[target.auth]) : undefined,
            })),
            connections: options.mixedConnections,
            duration: options.duration,
            warmup: options.warmup,
            untilAnswered: options.quick,
            ...usage(target),
          });
          report.mixed.results[target.name] = result;
          log(`mixed load on ${target.name}: ${result.rps} req/s, p99 ${result.p99} ms, errors ${result.errors + result.non2xx + result.graphqlErrors}, peak RSS MiB ${JSON.stringify(result.peakMiB)}`);
        }
        phase(`load: mixed, ${options.mixedConnections} connections`);
      }
    }
  } finally {
    await cleanup();
  }
  phase('stopping the processes, dropping the databases');

  const newestProfile = (dir) =>
    fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).map((name) => path.join(dir, name)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]
      : undefined;
  if (options.profile) {
    const newest = newestProfile(path.join(BENCH_DIR, 'results', 'profiles'));
    if (newest) report.profile = summarizeProfile(newest, { since: report.profileSince });
  }
  if (options.profileSubgraphs) {
    for (const name of subgraphNames) {
      const newest = newestProfile(path.join(SUBGRAPHS_PROFILE_DIR, name));
      if (newest) report.subgraphsProfiles.push({ name, ...summarizeProfile(newest, { since: report.subgraphsProfileSince?.[name] }) });
    }
  }
  // from the process start: what `time npm run bench` shows, less npm's own start
  report.elapsedSeconds = Math.round(process.uptime() * 10) / 10;
  report.loadAverageEnd = machineInfo().loadAverage;

  console.log(render(report));
  if (failures.length) {
    console.error(`[bench] the targets disagree or fail, so nothing was measured:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  if (!options.dry) {
    const stamp = report.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
    const base = path.join(BENCH_DIR, 'results', `${stamp}${options.quick ? '-quick' : ''}${options.profile || options.profileSubgraphs ? '-profile' : ''}`);
    fs.mkdirSync(path.dirname(base), { recursive: true });
    fs.writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
    fs.writeFileSync(`${base}.md`, render(report, { markdown: true }));
    log(`wrote ${path.relative(ROOT_DIR, base)}.json and .md`);
  }
  log(`done in ${report.elapsedSeconds} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
