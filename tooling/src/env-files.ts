/**
 * What the environment schema (packages/module-kit/src/env.ts) generates: the repository's .env.example and the
 * table of docs/configuration.md. `npm run env:example` writes both; tooling/test/env-files.test.ts fails when a
 * committed file differs from what the schema gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ENV_PATTERNS, ENV_SCHEMA, type EnvReader, type EnvVar } from '@corphub/module-kit';

/** The checkout (tooling/dist or tooling/src, two folders down). */
const ROOT = path.join(__dirname, '..', '..');
export const ENV_EXAMPLE_FILE = path.join(ROOT, '.env.example');
export const CONFIGURATION_DOC = path.join(ROOT, 'docs', 'configuration.md');

export const TABLE_BEGIN = '<!-- env table: generated from packages/module-kit/src/env.ts by `npm run env:example`; edit the schema, not this table -->';
export const TABLE_END = '<!-- end of the generated env table -->';

const READER_NAMES: Record<EnvReader, string> = {
  gateway: 'gateway',
  subgraphs: 'hub subgraphs',
  modules: 'vendor modules',
  identity: 'identity',
  media: 'media',
  messages: 'messages',
  cli: 'tooling (`corphub`, seed, migration:create)',
  tests: 'tests',
  compose: 'docker-compose.yml',
};

type AnyVar = EnvVar<unknown>;

const entries = (): [string, AnyVar][] => [
  ...Object.entries(ENV_SCHEMA as Record<string, AnyVar>),
  ...Object.entries(ENV_PATTERNS).map(([name, { variable }]): [string, AnyVar] => [name, variable as AnyVar]),
];

const plain = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

/** The default as a value (for .env.example), or undefined when it is not one value. */
function defaultValue(spec: AnyVar): string | undefined {
  return spec.default === undefined ? undefined : plain(spec.default);
}

/** The default in words (docs, comments). */
function defaultWords(spec: AnyVar): string {
  if (spec.defaultText) return spec.defaultText;
  if (spec.default === undefined) return '–';
  const production = spec.productionDefault === undefined ? '' : ` (production: \`${plain(spec.productionDefault)}\`)`;
  return `\`${plain(spec.default)}\`${production}`;
}

const readers = (spec: AnyVar) => spec.readBy.map((reader) => READER_NAMES[reader]).join(', ');

/** Markdown to comment text: backticks off. */
const words = (markdown: string) => markdown.replace(/`/g, '');

function wrap(text: string, width: number, prefix: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(prefix + line);
  return lines;
}

/** The repository's .env.example: every variable, commented with its description and default; secrets empty. */
export function renderEnvExample(): string {
  const lines = [
    '# Corphub: every environment variable, generated from the schema in packages/module-kit/src/env.ts by',
    '# `npm run env:example` (do not edit by hand; tooling/test/env-files.test.ts checks it). Copy it to .env and',
    '# uncomment what you change. docker compose reads .env by itself; a process started by hand with Node 20:',
    '# `node --env-file=.env gateway/dist/main.js`. Unset or empty means the default. Secrets are empty here, and',
    '# in production the hub refuses to start without them. Each process checks its variables at start and stops',
    '# with a message naming any bad value. Details: docs/configuration.md.',
  ];
  for (const [name, spec] of entries()) {
    lines.push('', ...wrap(`${name} (${spec.typeName}; read by ${words(readers(spec))}): ${words(spec.description)}`, 116, '# '));
    const fallback = defaultWords(spec);
    lines.push(...wrap(`Default: ${fallback === '–' ? 'unset' : words(fallback)}.`, 116, '# '));
    if (name.includes('<')) lines.push(`# ${name.replace('<NAME>', 'IDENTITY')}=${spec.example ?? ''}`);
    else if (spec.secret) lines.push(`${name}=`);
    else lines.push(`# ${name}=${defaultValue(spec) ?? spec.example ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The table of docs/configuration.md, between its markers. */
export function renderEnvTable(): string {
  const rows = entries().map(([name, spec]) => `| \`${name}\` | ${cell(spec.typeName)}${spec.secret && !spec.typeName.includes('secret') ? ', secret' : ''} | ${cell(defaultWords(spec))} | ${cell(readers(spec))} | ${cell(spec.description)} |`);
  return [TABLE_BEGIN, '', '| Variable | Type | Default | Read by | Meaning |', '|---|---|---|---|---|', ...rows, '', TABLE_END].join('\n');
}

/** `doc` with its generated table replaced by the schema's. */
export function withEnvTable(doc: string): string {
  const begin = doc.indexOf(TABLE_BEGIN);
  const end = doc.indexOf(TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`${path.relative(ROOT, CONFIGURATION_DOC)} has lost its table markers (${TABLE_BEGIN} … ${TABLE_END})`);
  return doc.slice(0, begin) + renderEnvTable() + doc.slice(end + TABLE_END.length);
}

/** Writes .env.example and the table of docs/configuration.md; answers the files that changed. */
export function writeEnvFiles(): string[] {
  const changed: string[] = [];
  const write = (file: string, content: string) => {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
    fs.writeFileSync(file, content);
    changed.push(path.relative(ROOT, file));
  };
  write(ENV_EXAMPLE_FILE, renderEnvExample());
  write(CONFIGURATION_DOC, withEnvTable(fs.readFileSync(CONFIGURATION_DOC, 'utf8')));
  return changed;
}
