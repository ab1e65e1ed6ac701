// The hub's own code, as `npm run build` emits it: the bench runs what `npm start` runs.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT_DIR = path.resolve(BENCH_DIR, '..');
const require = createRequire(import.meta.url);

/** The workspaces the bench imports from dist/: packages/* (the module kit, the demo), gateway, tooling, subgraphs/*. */
function packages() {
  const under = (folder) => fs.readdirSync(path.join(ROOT_DIR, folder)).map((name) => path.join(folder, name));
  return [...under('packages'), 'gateway', 'tooling', ...under('subgraphs')].map((dir) => path.join(ROOT_DIR, dir)).filter((dir) => fs.existsSync(path.join(dir, 'src')));
}

function newestMtime(dir, extensions) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, extensions));
    else if (extensions.some((ext) => entry.name.endsWith(ext))) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Missing or older than its sources: some package needs `npm run build`. */
export function staleBuilds() {
  return packages()
    .filter((dir) => {
      const built = newestMtime(path.join(dir, 'dist'), ['.js']);
      return built === 0 || newestMtime(path.join(dir, 'src'), ['.ts']) > built;
    })
    .map((dir) => path.relative(ROOT_DIR, dir));
}

function run(command, args, cwd, what) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${what} failed (${command} ${args.join(' ')} in ${cwd}, exit ${result.status})`);
}

/** Builds the workspaces when dist/ is missing or stale, so the bench never measures old code. */
export function ensureBuilt(log) {
  const stale = staleBuilds();
  if (stale.length === 0) return;
  log(`building (${stale.join(', ')} changed): npm run build`);
  run('npm', ['run', 'build', '--silent'], ROOT_DIR, 'npm run build');
}

/** The peers and the load generator live in bench/node_modules, installed on first use from bench's own lockfile. */
export function ensureBenchDependencies(log) {
  if (fs.existsSync(path.join(BENCH_DIR, 'node_modules', 'autocannon'))) return;
  const lockfile = fs.existsSync(path.join(BENCH_DIR, 'package-lock.json'));
  log(`installing the bench's own dependencies (peer gateways, autocannon) in bench/: npm ${lockfile ? 'ci' : 'install'}`);
  run('npm', [lockfile ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error'], BENCH_DIR, 'installing bench dependencies');
}

/**
 * `gateway`: `@corphub/gateway` (startGateway) with `@corphub/tooling` over it (SUBGRAPHS, the committed supergraph and
 * manifest, tokens, seeders); `shared`: `@corphub/module-kit`; all from their dist/.
 */
export function loadWorkspace() {
  const gateway = { ...require(path.join(ROOT_DIR, 'gateway', 'dist', 'index.js')), ...require(path.join(ROOT_DIR, 'tooling', 'dist', 'index.js')) };
  return { gateway, ...loadModuleKit() };
}

/**
 * What the gateway's own process loads in production (gateway/src/main.ts): `gateway`: `@corphub/gateway` alone
 * (no tooling, hence no subgraph package), `shared`: `@corphub/module-kit/core`, `hubFile`: the committed
 * tooling/hub.json it reads instead of SUBGRAPHS. So our gateway's memory in the bench is a production gateway's.
 */
export function loadGateway() {
  const gateway = require(path.join(ROOT_DIR, 'gateway', 'dist', 'index.js'));
  // the kit's light entry, as the gateway's own code imports it (the main entry would load the ORM)
  const shared = require(require.resolve('@corphub/module-kit/core', { paths: [path.join(ROOT_DIR, 'gateway')] }));
  return { gateway, shared, hubFile: path.join(ROOT_DIR, 'tooling', 'hub.json') };
}

/** `shared`: `@corphub/module-kit`, `testing`: its testing entry; without the gateway, tooling or any subgraph (a subgraph's process loads only these and its package). */
export function loadModuleKit() {
  const shared = require(require.resolve('@corphub/module-kit', { paths: [path.join(ROOT_DIR, 'tooling')] }));
  const testing = require(require.resolve('@corphub/module-kit/testing', { paths: [path.join(ROOT_DIR, 'tooling')] }));
  return { shared, testing };
}

/**
 * The module kit's QueryCounter alone (its file in dist/, not the whole testing entry, which brings test
 * clients along): a subgraph's process counts its statements without loading what production would not.
 */
export function loadQueryCounter() {
  return require(path.join(ROOT_DIR, 'packages', 'module-kit', 'dist', 'testing', 'queries.js')).QueryCounter;
}

/** A subgraph package's own exports (entities, seed helpers), from its dist/. */
export function loadSubgraphPackage(name) {
  return require(require.resolve(`@corphub/${name}`, { paths: [path.join(ROOT_DIR, 'tooling')] }));
}
