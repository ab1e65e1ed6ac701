/**
 * Keeps `npm run bench` from rotting without timing anything: `--quick --dry` starts the subgraphs, our
 * gateway and the peer gateways on a tiny corp, runs each query once per target and fails when the
 * answers differ. It uses the built code (gateway/dist; the script builds when dist is stale) and, on
 * PostgreSQL runs of the suite, DATABASE_URL. The peers live in bench/node_modules: installed here on
 * first use from bench/package-lock.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';

const ROOT = path.join(__dirname, '..', '..');
const BENCH = path.join(ROOT, 'bench');

interface Run {
  code: number;
  output: string;
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

describe('npm run bench -- --quick --dry', () => {
  let installed = fs.existsSync(path.join(BENCH, 'node_modules', 'autocannon'));

  beforeAll(async () => {
    if (installed) return;
    // first use only: one to four minutes for the peer gateways (Hive Gateway brings ~450 packages);
    // afterwards the check itself takes about 20 s
    const install = await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], BENCH, 590_000);
    installed = install.code === 0;
    if (!installed) {
      console.warn(`SKIPPED the bench check: could not install bench/ dependencies (npm ci exit ${install.code}, no registry?):\n${install.output.slice(-2000)}`);
    }
  }, 600_000);

  it('starts every target, gets identical answers from all of them and counts SQL per request', async () => {
    if (!installed) return;
    // about 40 s on an idle machine; 3–4 minutes when the shared machine is busy (a process per subgraph and
    // gateway, a dozen loading their modules at once)
    const { code, output } = await run('npm', ['run', 'bench', '--', '--quick', '--dry'], ROOT, 420_000);
    if (code !== 0) throw new Error(`npm run bench -- --quick --dry exited ${code}:\n${output.slice(-6000)}`);
    expect(output).toMatch(/me: identical answers from direct, ours, hive, hive-nodedup, apollo/);
    expect(output).toMatch(/people-500: identical answers from direct, ours, hive, hive-nodedup, apollo/);
    expect(output).toMatch(/people-50-varied: identical answers from direct, ours, hive, hive-nodedup, apollo/);
    expect(output).toMatch(/dashboard: identical answers from ours, hive, hive-nodedup, apollo/);
    expect(output).toMatch(/dashboard-500: identical answers from ours, hive, hive-nodedup, apollo/);
    // a department and window of its own per request, from 100 callers: its first (the whole corp, the last month) checked
    expect(output).toMatch(/dashboard-varied: identical answers from ours, hive, hive-nodedup, apollo/);
    // the department monthly attendance summary, timed on this run's database, for a division and for the whole corp (all 100 people)
    expect(output).toMatch(/^(sqlite|postgresql)\s+division\s+\d+\s+1\s+[\d.]+/m);
    expect(output).toMatch(/^(sqlite|postgresql)\s+whole corp\s+100\s+1\s+[\d.]+/m);
    // idle memory of every process: each gateway and each subgraph's own process
    for (const name of ['gateway ours', 'gateway hive', 'gateway apollo', 'subgraph identity', 'subgraph attendance']) {
      expect(output).toMatch(new RegExp(`^${name}\\s+\\d+\\s*$`, 'm'));
    }
    // the table skeleton, and no load was generated
    expect(output).toMatch(/target\s+req\/s\s+p50 ms\s+p99 ms\s+errors\s+non-2xx\s+GraphQL errors\s+gateway CPU ms\/req\s+subgraphs CPU ms\/req\s+gateway peak MiB/);
    expect(output).not.toMatch(/ on ours: [\d.]+ req\/s/);
    expect(output).not.toMatch(/mixed load on/);
    // statements per request do not grow with the page size
    const statements = (query: string) => new RegExp(`^${query}((?:\\s+\\d+)+)\\s*$`, 'm').exec(output)?.[1].trim().split(/\s+/);
    expect(statements('people-50')).toBeDefined();
    expect(statements('people-500')).toEqual(statements('people-50'));
    expect(statements('dashboard')).toBeDefined();
    expect(statements('dashboard-500')).toEqual(statements('dashboard'));
  }, 430_000);
});
