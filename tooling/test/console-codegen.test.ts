/**
 * The console's typed documents (console/src/gql, checked in) are generated from its queries against the hub's
 * supergraph: this fails when a schema change breaks a query (it no longer validates) or the files are stale.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const CONSOLE = path.dirname(require.resolve('@corphub/console/package.json'));

it('the console queries validate against tooling/supergraph.graphql and src/gql is up to date', async () => {
  const run = promisify(execFile);
  const bin = path.join(path.dirname(require.resolve('@graphql-codegen/cli/package.json')), 'cjs', 'bin.js');
  const outcome = await run(process.execPath, [bin, '--config', 'codegen.ts', '--check'], { cwd: CONSOLE }).then(
    () => 'up to date',
    (error: { stdout: string; stderr: string }) => `npm run codegen -w @corphub/console failed or changed files:\n${error.stdout}${error.stderr}`,
  );
  expect(outcome).toBe('up to date');
}, 120_000);
