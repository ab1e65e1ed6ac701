/**
 * The `corphub` command line without a hub: usage, exit codes, tokens, and what `module init` renames. The
 * commands that talk to a hub are tested against one in okr-module, registry-retire and module-init.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corphub } from '../src/testing';
import { defaultPortFor, initModule, nameForms } from '../src/module-init';

jest.setTimeout(120_000);

describe('corphub', () => {
  it('lists its commands on --help (exit 0) and on no command or an unknown one (exit 2)', async () => {
    const help = await corphub(['--help']);
    expect(help).toMatchObject({ code: 0, err: '' });
    for (const command of ['module init DIR', 'module check', 'module publish', 'module retire NAME', 'token', 'compose']) expect(help.out).toContain(command);
    expect(await corphub([])).toMatchObject({ code: 2, out: '', err: help.out });
    const unknown = await corphub(['module', 'launch']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^corphub: unknown command "module launch"/);
    expect((await corphub(['module'])).code).toBe(2);
  });

  it.each(['module init', 'module check', 'module publish', 'module retire', 'token', 'compose'])('%s --help shows its usage', async (command) => {
    const help = await corphub([...command.split(' '), '--help']);
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(new RegExp(`^usage: corphub ${command}`));
  });

  it('answers wrong usage with exit 2 and the command usage, an unreachable hub with exit 1', async () => {
    const unknownOption = await corphub(['module', 'check', '--nme', 'x']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toMatch(/^corphub module check: Unknown option '--nme'.*\n\nusage: corphub module check/s);
    const tokenless = await corphub(['module', 'retire', 'goals']);
    expect(tokenless).toMatchObject({ code: 2, err: expect.stringMatching(/A token is needed: --token or CORPHUB_TOKEN/) });
    // a port nothing listens on (the discard port)
    const unreachable = await corphub(['module', 'retire', 'goals', '--gateway', 'http://127.0.0.1:9/graphql'], { CORPHUB_TOKEN: 'x' });
    expect(unreachable).toMatchObject({ code: 1, err: expect.stringMatching(/^corphub module retire: Cannot reach the hub at http:\/\/127\.0\.0\.1:9\/graphql/) });
  });

  it('prints a development token on its last line', async () => {
    const made = await corphub(['token', '--corp', 'acme', '--role', 'vendor', '--app', 'goals']);
    expect(made.code).toBe(0);
    expect(made.err).toBe('# vendor token for corp acme, valid 12h');
    const claims = JSON.parse(Buffer.from(made.out.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ corp_id: 'acme', role: 'vendor', app_id: 'goals', sub: 'app:goals' });
    expect(await corphub(['token', '--role', 'vendor'])).toMatchObject({ code: 2, err: expect.stringMatching(/--role vendor needs --app/) });
  });

  it("signs in as the demo corp's person with an admin role, or a department admin named in full", async () => {
    const claimsOf = (made: { out: string }) => JSON.parse(Buffer.from(made.out.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claimsOf(await corphub(['token', '--corp', 'demo', '--role', 'department_admin']))).toMatchObject({ role: 'department_admin', department: 'sales', union_id: 'un_3v8r2n6t9w4y7z5a' });
    expect(claimsOf(await corphub(['token', '--corp', 'demo', '--role', 'finance']))).toMatchObject({ role: 'finance', union_id: 'un_8b4d6f2h9k3n7q5t' });
    expect(claimsOf(await corphub(['token', '--corp', 'acme', '--role', 'department_admin', '--department', 'ops', '--union', 'u1']))).toMatchObject({ role: 'department_admin', department: 'ops', union_id: 'u1' });
    expect(await corphub(['token', '--corp', 'acme', '--role', 'department_admin'])).toMatchObject({ code: 2, err: expect.stringMatching(/needs --department/) });
    expect(await corphub(['token', '--corp', 'acme', '--role', 'admin', '--department', 'ops'])).toMatchObject({ code: 2, err: expect.stringMatching(/--department goes with --role department_admin only/) });
  });
});

describe('corphub module init', () => {
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corphub-init-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes the forms of a name where each belongs', () => {
    expect(nameForms('team-goals')).toEqual({ name: 'team-goals', pascal: 'TeamGoals', camel: 'teamGoals', snake: 'team_goals' });
    expect(defaultPortFor('team-goals')).toBe(defaultPortFor('team-goals'));
    expect(defaultPortFor('team-goals')).toBeGreaterThanOrEqual(4100);
    expect(defaultPortFor('team-goals')).toBeLessThan(5000);
  });

  it('refuses a bad name (exit 2) and a folder that is not empty (exit 1), writing nothing', async () => {
    for (const name of ['x', 'Goals', '1goals', 'goals-', 'go_als', 'a'.repeat(41)]) {
      expect(await corphub(['module', 'init', path.join(tmp, 'bad'), '--name', name])).toMatchObject({ code: 2, err: expect.stringMatching(/--name must be/) });
    }
    expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false);
    const taken = path.join(tmp, 'taken');
    fs.mkdirSync(taken);
    fs.writeFileSync(path.join(taken, 'notes.txt'), 'mine');
    expect(await corphub(['module', 'init', taken, '--name', 'goals'])).toMatchObject({ code: 1, err: expect.stringMatching(/is not empty/) });
    expect(fs.readdirSync(taken)).toEqual(['notes.txt']);
  });

  it('renames a dashed name in identifiers, strings, SQL and GraphQL, and the copy compiles', () => {
    const dir = path.join(tmp, 'team-goals');
    initModule({ dir, name: 'team-goals', port: 4321 });
    const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
    expect(read('src/index.ts')).toMatch(/export const teamGoals = defineSubgraph\(\{\n {2}name: 'team-goals',/);
    expect(read('src/index.ts')).toContain('defaultPort: 4321,');
    expect(read('src/server.ts')).toMatch(/name: 'team-goals',\s+module: 'team-goals'/);
    expect(read('src/objectives/objective.entity.ts')).toContain("@Entity({ tableName: 'team_goals_objective' })");
    expect(read('src/migrations/postgresql/Migration20261125154955.ts')).toContain(
      'alter table "team-goals"."team_goals_key_result" add constraint "team_goals_key_result_objective_id_foreign" foreign key ("objective_id") references "team-goals"."team_goals_objective"',
    );
    expect(read('schema.graphql')).toMatch(/teamGoalsObjectives\(quarter: String!\): \[TeamGoalsObjective!\]/);
    expect(read('schema.graphql')).toMatch(/createTeamGoalsObjective\(input: TeamGoalsCreateObjectiveInput!\): TeamGoalsObjective/);
    expect(JSON.parse(read('package.json'))).toMatchObject({ name: 'team-goals', dependencies: { '@corphub/module-kit': 'file:vendor/corphub-module-kit-0.1.0.tgz' } });
    expect(fs.existsSync(path.join(dir, 'vendor', 'corphub-module-kit-0.1.0.tgz'))).toBe(true);
    expect(JSON.parse(read('tsconfig.json'))).not.toHaveProperty('references');
    // the checkout's packages stand in for an install (module-init.test.ts installs one for real)
    fs.symlinkSync(path.join(__dirname, '..', '..', 'node_modules'), path.join(dir, 'node_modules'));
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir, '--noEmit'], { encoding: 'utf8' });
  });
});
