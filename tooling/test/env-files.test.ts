/**
 * The files generated from the environment schema are committed as generated: .env.example at the root and the
 * table of docs/configuration.md (`npm run env:example` rewrites both). CI runs jest, so a variable added to the
 * schema but not to the files, or a hand edit of either, fails here. And every declared variable is read by
 * some code: the schema lists no dead settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ENV_PATTERNS, ENV_SCHEMA, type EnvVar } from '@corphub/module-kit';
import { CONFIGURATION_DOC, ENV_EXAMPLE_FILE, renderEnvExample, renderEnvTable, TABLE_BEGIN, TABLE_END } from '../src/env-files';

const ROOT = path.join(__dirname, '..', '..');
const schema = ENV_SCHEMA as Record<string, EnvVar<unknown>>;

describe('.env.example', () => {
  const committed = fs.readFileSync(ENV_EXAMPLE_FILE, 'utf8');

  it('is exactly what the schema generates (npm run env:example)', () => {
    expect(committed).toBe(renderEnvExample());
  });

  it('has every variable, with its description and default, and every secret empty', () => {
    const lines = committed.split('\n');
    for (const [name, spec] of Object.entries(schema)) {
      // a block per variable: `# NAME (type; read by …): description`, `# Default: …`, then the assignment
      const start = lines.findIndex((line) => line.startsWith(`# ${name} (`));
      expect({ name, start: start > 0 }).toEqual({ name, start: true });
      const end = lines.indexOf('', start);
      const block = lines.slice(start, end === -1 ? undefined : end);
      const assignment = block[block.length - 1];
      expect({ name, default: block.some((line) => line.startsWith('# Default: ')) }).toEqual({ name, default: true });
      expect({ name, assignment }).toEqual({ name, assignment: spec.secret ? `${name}=` : expect.stringMatching(new RegExp(`^# ${name}=`)) });
    }
    for (const name of Object.keys(ENV_PATTERNS)) expect(committed).toContain(`# ${name} (`);
  });

  it('leaves a secret unset when copied as is, so production refuses to start until it is filled in', () => {
    const assigned = committed.split('\n').filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line));
    expect(assigned.length).toBeGreaterThan(5);
    for (const line of assigned) expect(line).toMatch(/^[A-Z0-9_]+=$/);
  });
});

describe('docs/configuration.md', () => {
  const doc = fs.readFileSync(CONFIGURATION_DOC, 'utf8');

  it('holds the table the schema generates, between its markers', () => {
    const begin = doc.indexOf(TABLE_BEGIN);
    const end = doc.indexOf(TABLE_END);
    expect(begin).toBeGreaterThan(0);
    expect(doc.slice(begin, end + TABLE_END.length)).toBe(renderEnvTable());
  });

  it('names the library and how to regenerate the files', () => {
    expect(doc).toContain('envalid');
    expect(doc).toContain('npm run env:example');
  });
});

describe('the schema', () => {
  /** Every TypeScript source outside tests. */
  const sources = ['packages', 'gateway', 'subgraphs', 'tooling', 'examples']
    .flatMap((top) => fs.readdirSync(path.join(ROOT, top), { recursive: true, encoding: 'utf8' }).map((file) => path.join(top, file)))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !/(^|\/)(node_modules|dist|test)\//.test(file) && !file.endsWith(path.join('module-kit', 'src', 'env.ts')));
  const code = sources.map((file) => fs.readFileSync(path.join(ROOT, file), 'utf8')).join('\n');

  it('declares no variable that no code reads', () => {
    expect(sources.length).toBeGreaterThan(100);
    // read by others: the tests, docker compose, the AWS SDK and Apollo Gateway themselves (besides our code)
    const readElsewhere = (spec: EnvVar<unknown>) => spec.readBy.every((reader) => reader === 'tests' || reader === 'compose');
    const unread = Object.keys(schema).filter((name) => !readElsewhere(schema[name]) && !new RegExp(`['"]${name}['"]|\\.${name}\\b`).test(code));
    expect(unread).toEqual([]);
  });

  it('names, for the tests and compose, only variables that something reads', () => {
    const testsAndCompose = [fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), ...['gateway', 'tooling'].map((top) => path.join(ROOT, top, 'test'))]
      .map((entry) => (entry.includes('\n') ? entry : fs.readdirSync(entry, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts')).map((file) => fs.readFileSync(path.join(entry, file), 'utf8')).join('\n')))
      .join('\n');
    for (const [name, spec] of Object.entries(schema)) if (spec.readBy.every((reader) => reader === 'tests' || reader === 'compose')) expect({ name, read: testsAndCompose.includes(name) }).toEqual({ name, read: true });
  });
});
