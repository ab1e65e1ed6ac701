/**
 * Each entry point, run as its own process from the built dist (as docker compose and `npm start` run them), checks
 * its environment against the schema first: a bad value stops it with exit code 1 and a line on stderr that names
 * the variable and what is wrong, before it opens a database or a port. A secret's value is never echoed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');
const GATEWAY = path.join(ROOT, 'gateway', 'dist', 'main.js');
const IDENTITY = path.join(ROOT, 'subgraphs', 'identity', 'dist', 'main.js');
const MEDIA = path.join(ROOT, 'subgraphs', 'media', 'dist', 'main.js');
const START = path.join(ROOT, 'tooling', 'dist', 'start.js');
const CLI = path.join(ROOT, 'tooling', 'dist', 'cli.js');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `main` with `env` on top of a clean environment (no CI variables of ours) until it exits by itself. */
function run(main: string, env: Record<string, string>, args: string[] = []): Promise<Exit> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CORPHUB_|DATABASE_URL$|REDIS_URL$|PORT$|NODE_ENV$|OTEL_)/.test(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: dataDir, env: { ...base, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // a process that accepted its environment would listen and never exit: that is a failure here
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(path.dirname(path.dirname(main)))} did not exit:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let dataDir: string;
beforeAll(() => {
  for (const main of [GATEWAY, IDENTITY, MEDIA, START, CLI]) expect(fs.existsSync(main)).toBe(true);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-env-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Nothing was written: the process stopped before it opened its SQLite file. */
const nothingWritten = () => expect(fs.readdirSync(dataDir)).toEqual([]);

describe('an entry point with a bad environment variable', () => {
  it('the gateway: exits 1 naming every bad variable (PORT=x, CORPHUB_REGISTRY_POLL_MS=-5)', async () => {
    const exit = await run(GATEWAY, { PORT: 'x', CORPHUB_REGISTRY_POLL_MS: '-5', CORPHUB_SUPERGRAPH_FILE: path.join(ROOT, 'tooling', 'supergraph.graphql') });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('gateway: invalid configuration');
    expect(exit.stderr).toContain('PORT must be a port number from 0 to 65535, got "x"');
    expect(exit.stderr).toContain('CORPHUB_REGISTRY_POLL_MS must be a positive integer, got "-5"');
    expect(exit.stdout).not.toContain('listening');
  });

  it('the gateway: a bad subgraph URL of the CORPHUB_SUBGRAPH_<NAME>_URL pattern', async () => {
    const exit = await run(GATEWAY, { CORPHUB_SUBGRAPH_IDENTITY_URL: 'identity:4001/graphql', CORPHUB_SUPERGRAPH_FILE: path.join(ROOT, 'tooling', 'supergraph.graphql') });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('CORPHUB_SUBGRAPH_IDENTITY_URL must be a http or https URL, got "identity:4001/graphql"');
  });

  it('the gateway: a malformed key, without repeating it', async () => {
    const exit = await run(GATEWAY, { CORPHUB_CONTEXT_PRIVATE_KEY: 'not-a-key-but-secret-text', CORPHUB_SUPERGRAPH_FILE: path.join(ROOT, 'tooling', 'supergraph.graphql') });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('CORPHUB_CONTEXT_PRIVATE_KEY must be a PKCS8 PEM private key');
    expect(exit.stderr).not.toContain('not-a-key-but-secret-text');
  });

  it('identity: CORPHUB_WEBHOOK_MAX_ATTEMPTS=abc is refused, not taken as the default 14', async () => {
    const exit = await run(IDENTITY, { CORPHUB_WEBHOOK_MAX_ATTEMPTS: 'abc', CORPHUB_DATA_DIR: dataDir, PORT: '0' });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('identity: invalid configuration');
    expect(exit.stderr).toContain('CORPHUB_WEBHOOK_MAX_ATTEMPTS must be a positive integer, got "abc"');
    nothingWritten();
  });

  it("media: its own variables are checked (CORPHUB_MEDIA_STORE), identity's are not its concern", async () => {
    const exit = await run(MEDIA, { CORPHUB_MEDIA_STORE: 'ftp', CORPHUB_WEBHOOK_MAX_ATTEMPTS: 'abc', CORPHUB_DATA_DIR: dataDir, PORT: '0' });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('CORPHUB_MEDIA_STORE must be "local" or "s3", got "ftp"');
    expect(exit.stderr).not.toContain('CORPHUB_WEBHOOK_MAX_ATTEMPTS');
    nothingWritten();
  });

  it('npm start: checks what the gateway and every subgraph read, NODE_ENV included', async () => {
    const exit = await run(START, { NODE_ENV: 'prod', CORPHUB_WEBHOOK_MAX_ATTEMPTS: 'abc', CORPHUB_DATA_DIR: dataDir, PORT: '0' });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('NODE_ENV must be "development", "production" or "test", got "prod"');
    expect(exit.stderr).toContain('CORPHUB_WEBHOOK_MAX_ATTEMPTS must be a positive integer, got "abc"');
    expect(exit.stdout).not.toMatch(/eyJ/);
    nothingWritten();
  });

  it('the corphub CLI: exits 1 on a bad CORPHUB_GATEWAY_URL before calling anyone', async () => {
    const exit = await run(CLI, { CORPHUB_GATEWAY_URL: 'localhost:4000', CORPHUB_TOKEN: 'x' }, ['module', 'retire', 'okr']);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('CORPHUB_GATEWAY_URL must be a http or https URL, got "localhost:4000"');
  });

  it('corphub env check: reports an environment as a process would see it', async () => {
    const bad = await run(CLI, { CORPHUB_MAX_DEPTH: 'deep' }, ['env', 'check', '--for', 'gateway']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('CORPHUB_MAX_DEPTH must be a positive integer, got "deep"');
    const good = await run(CLI, { CORPHUB_MAX_DEPTH: '8' }, ['env', 'check', '--for', 'gateway']);
    expect(good).toMatchObject({ code: 0, stdout: expect.stringContaining('ok') });
  });
});
