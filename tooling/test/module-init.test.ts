/**
 * A vendor's first hour, with real processes: `corphub module init` makes a module outside the repository,
 * npm installs, builds and tests it there, it runs as its own process, and the `corphub` command checks,
 * publishes and retires it in a hub whose gateway serves it meanwhile. Needs `npm run build` first (the CLI
 * and the kit it packs are the compiled ones).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { DEV_CONTEXT_PUBLIC_KEY, Role } from '@corphub/module-kit';
import { errorCodes, waitFor } from '@corphub/module-kit/testing';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { approvals } from '@corphub/approvals';
import { hire, seedCorp, startTestHub, type SeededCorp, type TestHub } from '../src/testing';

jest.setTimeout(600_000);

const BIN = path.join(__dirname, '..', 'bin', 'corphub.js');
const QUARTER = '2026-Q4';

/** The environment a vendor's shell would have: none of this test run's npm, jest or database settings. */
function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|JEST_|DATABASE_URL$|LOG_LEVEL$|CORPHUB_)/i.test(name)));
  return { ...env, ...extra };
}

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/** Runs a command to its end, as a shell would; what it printed is kept for the assertion's message. */
function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? shellEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const corphub = (args: string[], env: Record<string, string> = {}) => run(process.execPath, [BIN, ...args], { env: shellEnv(env) });

/** A command that must succeed: its output in the failure message otherwise. */
async function succeeds(ran: Promise<Ran>): Promise<Ran> {
  const result = await ran;
  if (result.code !== 0) throw new Error(`exit ${result.code}\n${result.out}\n${result.err}`);
  return result;
}

/** Starts `node dist/main.js` and answers once it logged where it listens. */
async function startModuleProcess(dir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(dir, 'dist', 'main.js')], { cwd: dir, env: shellEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const url = /"url":"([^"]+)"/.exec(line)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`the module exited (${code}) before listening:\n${err}`)));
  });
  return { child, url };
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

describe('corphub module init: a module made outside the repository joins a hub', () => {
  let tmp: string;
  let dir: string;
  let hub: TestHub | undefined;
  let moduleProcess: ChildProcess | undefined;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-module-init-'));
    dir = path.join(tmp, 'goals');
  });

  afterAll(async () => {
    await stopProcess(moduleProcess);
    await hub?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('makes a module that installs, builds and passes its own tests on its own', async () => {
    const made = await succeeds(corphub(['module', 'init', dir, '--name', 'goals', '--port', '4590']));
    expect(made.out).toMatch(/^created module goals in .*goals \(port 4590, \d+ files\)/);
    // nothing of the template's names is left (the module would collide with the OKR module, or not answer)
    const leftovers = (folder: string): string[] =>
      fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) return entry.name === 'vendor' ? [] : leftovers(file);
        return /okr|4010/i.test(fs.readFileSync(file, 'utf8')) ? [path.relative(dir, file)] : [];
      });
    expect(leftovers(dir)).toEqual([]);
    expect((await corphub(['module', 'init', dir, '--name', 'goals'])).code).toBe(1);
    expect((await corphub(['module', 'init', path.join(tmp, 'other'), '--name', 'Goals!'])).code).toBe(2);

    await succeeds(run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir }));
    await succeeds(run('npm', ['run', 'build'], { cwd: dir }));
    const schema = fs.readFileSync(path.join(dir, 'schema.graphql'), 'utf8');
    await succeeds(run('npm', ['run', 'schema'], { cwd: dir }));
    expect(fs.readFileSync(path.join(dir, 'schema.graphql'), 'utf8')).toBe(schema);
    const tested = await succeeds(run('npm', ['test'], { cwd: dir }));
    expect(tested.err).toMatch(/Tests: +\d+ passed, \d+ total/);
  });

  it('checks, publishes, serves with the directory in one query, and retires it through the hub', async () => {
    // approvals: the module extends its ApprovalRequest with the objective a request is about
    hub = await startTestHub({ label: 'module_init', subgraphs: [identity, directory, approvals], gateway: { registryPollMs: 250 } });
    const database = hub.database.targetFor('goals');
    // its own process, as a vendor runs it: the gateway's public key and nothing else of the hub's
    const started = await startModuleProcess(dir, {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CORPHUB_CONTEXT_PUBLIC_KEY: DEV_CONTEXT_PUBLIC_KEY,
      ...(database.dialect === 'postgresql' ? { DATABASE_URL: database.url } : { CORPHUB_DATA_DIR: path.join(tmp, 'data') }),
    });
    moduleProcess = started.child;

    const platform = await hub.token({ corp: 'platform', role: Role.PLATFORM });
    const registered = await hub.request(`mutation { registerApp(input: { appId: "goals", name: "Goals", vendor: "Goals Inc" }) { app { appId } } }`, { token: platform });
    expect(registered.errors).toBeUndefined();
    const acme: SeededCorp = await seedCorp(hub, 'acme');
    const vendor = (await succeeds(corphub(['token', '--corp', 'acme', '--role', 'vendor', '--app', 'goals']))).out.trim().split('\n').pop()!;

    const schema = path.join(dir, 'schema.graphql');
    const checked = await succeeds(corphub(['module', 'check', '--name', 'goals', '--schema', schema, '--gateway', hub.url, '--token', vendor]));
    expect(checked.out).toMatch(/^✓ goals: composes, no breaking changes/);
    expect(checked.out).toMatch(/\| SAFE +\| FIELD_ADDED +\| Employee\.goalsObjectives +\|/);
    const hubEnv = { CORPHUB_GATEWAY_URL: hub.url, CORPHUB_TOKEN: vendor };
    const published = await succeeds(corphub(['module', 'publish', '--name', 'goals', '--schema', schema, '--url', started.url], hubEnv));
    expect(published.out).toMatch(/published goals v1: supergraph revision 1, gateways load it without a restart/);
    await waitFor('the gateway to load revision 1', () => hub!.supergraph.revision() === 1);

    const installed = await hub.request(`mutation { installApp(appId: "goals") { status } }`, { token: acme.adminToken });
    expect(installed.data).toEqual({ installApp: { status: 'INSTALLED' } });
    const ada = await hire(hub, acme, 'Ada Lovelace', { title: 'Engineer' });
    const created = await hub.request(`mutation($input: GoalsCreateObjectiveInput!) { createGoalsObjective(input: $input) { title } }`, {
      token: vendor,
      variables: { input: { ownerUnionId: ada, title: 'Publish a module', quarter: QUARTER } },
    });
    expect(created).toEqual({ status: 200, data: { createGoalsObjective: { title: 'Publish a module' } } });

    const joined = /* GraphQL */ `
      query($u: ID!, $q: String!) {
        employee(unionId: $u) { displayName title goalsObjectives(quarter: $q) { title owner { displayName } keyResults { title } } }
      }
    `;
    const answer = () => hub!.request(joined, { token: acme.adminToken, variables: { u: ada, q: QUARTER } });
    expect(await answer()).toEqual({
      status: 200,
      data: { employee: { displayName: 'Ada Lovelace', title: 'Engineer', goalsObjectives: [{ title: 'Publish a module', owner: { displayName: 'Ada Lovelace' }, keyResults: [] }] } },
    });

    const retired = await succeeds(corphub(['module', 'retire', 'goals'], hubEnv));
    expect(retired.out).toMatch(/\| BREAKING +\| FIELD_REMOVED +\| Employee\.goalsObjectives +\|/);
    expect(retired.out).toMatch(/retired goals: supergraph revision 2, gateways drop it without a restart$/m);
    await waitFor('the gateway to load revision 2', () => hub!.supergraph.revision() === 2);
    expect(errorCodes(await answer())).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
