/**
 * `corphub module init DIR --name NAME [--port PORT]`: a new module made from the template (examples/okr),
 * with every name that must be its own renamed (docs/vendor-guide.md, "Every name a copied module must
 * change"), depending on the kit of this checkout as a packed tarball.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import { CommandError, EXIT, parseCommand, showUsage, UsageError, type CliIo } from './command';

/** The checkout this CLI runs from: the template and the kit come from it. */
const CHECKOUT = path.resolve(__dirname, '..', '..');
export const TEMPLATE_DIR = path.join(CHECKOUT, 'examples', 'okr');
export const KIT_DIR = path.join(CHECKOUT, 'packages', 'module-kit');

export const INIT_USAGE = `usage: corphub module init DIR --name NAME [--port PORT]
  makes a new module in DIR (a new or empty folder) from the template examples/okr: NAME (2–40 lowercase
  letters, digits and dashes, starting with a letter) becomes its package, subgraph and app name, prefixes its
  GraphQL types and fields and its tables; PORT (default: 4100–4999, from NAME) is where it listens.
  The kit (@corphub/module-kit) comes from this checkout, packed into DIR/vendor: build the checkout first.
  Then: cd DIR && npm install && npm test`;

export const MODULE_NAME = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;

/** The forms a module name takes in code, SQL and GraphQL: `team-goals` → TeamGoals, teamGoals, team_goals. */
export interface NameForms {
  name: string;
  pascal: string;
  camel: string;
  snake: string;
}

export function nameForms(name: string): NameForms {
  const pascal = name
    .split('-')
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
  return { name, pascal, camel: pascal[0].toLowerCase() + pascal.slice(1), snake: name.replace(/-/g, '_') };
}

/** A port for NAME when none is given: spread over 4100–4999 so that two modules rarely pick the same. */
export function defaultPortFor(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 4100 + (hash % 900);
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

const keyFields = (node: ObjectTypeDefinitionNode): string[] | null => {
  const key = (node.directives ?? []).find((directive) => directive.name.value === 'key');
  const fields = key?.arguments?.find((arg) => arg.name.value === 'fields')?.value;
  return fields?.kind === Kind.STRING ? fields.value.trim().split(/\s+/) : null;
};

/**
 * A type another subgraph owns, which the module extends and never renames: a person (`@key(fields: "unionId")`),
 * or a type whose other fields it only requires (`@external`, e.g. the approvals service's ApprovalRequest).
 * Answers the fields that are not the module's own (the key and the external ones); null for the module's types.
 */
function extendedTypeFields(node: ObjectTypeDefinitionNode): string[] | null {
  const key = keyFields(node);
  if (!key) return null;
  const external = (node.fields ?? []).filter((field) => (field.directives ?? []).some((directive) => directive.name.value === 'external')).map((field) => field.name.value);
  return key.join(' ') === 'unionId' || external.length ? [...key, ...external] : null;
}

const isShareable = (node: ObjectTypeDefinitionNode) => (node.directives ?? []).some((directive) => directive.name.value === 'shareable');

const capitalized = (word: string) => word[0].toUpperCase() + word.slice(1);

/**
 * The names the template adds to the shared graph, each renamed for module `to` (template module `from`):
 * its types (not the types of other subgraphs it extends, not the @shareable kit types, not scalars) get the PascalCase
 * prefix (Objective → GoalsObjective); its root fields and the fields it adds to other subgraphs' types drop the template's
 * prefix for the new one (okrObjectives → goalsObjectives) or take it (objectives → goalsObjectives), a
 * mutation after its verb (createObjective → createGoalsObjective).
 */
export function graphRenames(sdl: DocumentNode, from: NameForms, to: NameForms): Map<string, string> {
  const renames = new Map<string, string>();
  const ownPrefix = new RegExp(`^${from.camel}(?=[A-Z0-9])`);
  const field = (name: string, parent: string) => {
    if (ownPrefix.test(name)) return name.replace(ownPrefix, to.camel);
    const verb = parent === 'Mutation' ? /^[a-z]+/.exec(name)?.[0] : undefined;
    return verb && verb !== name ? `${verb}${to.pascal}${name.slice(verb.length)}` : `${to.camel}${capitalized(name)}`;
  };
  const type = (name: string) => (name.startsWith(from.pascal) ? to.pascal + name.slice(from.pascal.length) : to.pascal + name);
  for (const definition of sdl.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION: {
        const name = definition.name.value;
        const notOwn = ROOT_TYPES.has(name) ? [] : extendedTypeFields(definition);
        if (notOwn) {
          for (const { name: fieldName } of definition.fields ?? []) if (!notOwn.includes(fieldName.value)) renames.set(fieldName.value, field(fieldName.value, name));
        } else if (!isShareable(definition)) {
          renames.set(name, type(name));
        }
        break;
      }
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.UNION_TYPE_DEFINITION:
        renames.set(definition.name.value, type(definition.name.value));
        break;
      default:
        break;
    }
  }
  return renames;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Renamer {
  /** Renames a file's text; `code` (TypeScript, JavaScript) tells a bare module name that is an identifier. */
  text(text: string, code: boolean): string;
  /** The template's tables and their new names. */
  tables: Map<string, string>;
}

/**
 * One pass over a file: the template's GraphQL names as whole identifiers (not inside paths: the aggregate
 * folders keep their names), the template's module name in its forms (okr, Okr…, okr…, OKR), its port, and its
 * table names where SQL and entities name them.
 */
export function renamer(options: { from: NameForms; to: NameForms; graph: Map<string, string>; tables: string[]; fromPort: number; toPort: number }): Renamer {
  const { from, to, graph } = options;
  const tables = new Map(options.tables.map((table) => [table, `${to.snake}_${table}`]));
  const tokens = [...graph.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(
    [
      ...(tokens.length ? [`(?<![\\w$/-])(?<graph>${tokens.join('|')})(?![\\w$/-])`] : []),
      `(?<camel>\\b${escape(from.camel)}(?=[A-Z0-9]))`,
      `(?<pascal>\\b${escape(from.pascal)}(?=[A-Z0-9]))`,
      `(?<upper>\\b${escape(from.name.toUpperCase())}\\b)`,
      `(?<bare>(?<![\\w$])${escape(from.name)}(?![\\w$]))`,
      `(?<port>\\b${options.fromPort}\\b)`,
    ].join('|'),
    'g',
  );
  const names = [...tables.keys()].map(escape).join('|');
  // a table, or an index or constraint named after it (objective_corp_id_index, key_result_objective_id_foreign),
  // quoted in SQL (escaped backquotes in a migration's template literal); a column like "objective_id" is not one
  const sqlTable = new RegExp(`(?<=["\`])(${names})(?=(?:_(?:\\w*_)?(?:pkey|index|foreign|unique|check))?\\\\?["\`])`, 'g');
  const entityTable = new RegExp(`(?<=tableName:\\s*')(${names})(?=')`, 'g');
  return {
    tables,
    text(text, code) {
      const renamed = text.replace(pattern, (_match: string, ...args: unknown[]) => {
        const groups = args[args.length - 1] as Record<string, string | undefined>;
        const offset = args[args.length - 3] as number;
        if (groups.graph) return graph.get(groups.graph)!;
        if (groups.camel) return to.camel;
        if (groups.pascal) return to.pascal;
        if (groups.upper) return to.name;
        if (groups.port) return String(options.toPort);
        // a bare name in code is an identifier (`export const okr`), unless quoted or in a path
        return code && !/['"`/@]/.test(text[offset - 1] ?? '') ? to.camel : to.name;
      });
      return tables.size ? renamed.replace(sqlTable, (table) => tables.get(table)!).replace(entityTable, (table) => tables.get(table)!) : renamed;
    },
  };
}

/** Every file of the template to copy, relative to it: what its .gitignore leaves out is not copied. */
export function templateFiles(templateDir: string): string[] {
  const ignored = fs
    .readFileSync(path.join(templateDir, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter(Boolean);
  const walk = (relative: string): string[] =>
    fs.readdirSync(path.join(templateDir, relative), { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(relative, entry.name);
      if (ignored.includes(entry.name) || entry.name.endsWith('.tsbuildinfo')) return [];
      return entry.isDirectory() ? walk(file) : [file];
    });
  return walk('').sort();
}

/** The tables the template's entities name (`@Entity({ tableName: '…' })`); an entity without one is a template bug. */
function templateTables(templateDir: string, files: string[]): string[] {
  const tables: string[] = [];
  for (const file of files.filter((name) => name.endsWith('.entity.ts'))) {
    const source = fs.readFileSync(path.join(templateDir, file), 'utf8');
    const entities = source.match(/@Entity\(/g)?.length ?? 0;
    const named = [...source.matchAll(/@Entity\(\{[^)]*tableName:\s*'(\w+)'/g)].map((match) => match[1]);
    if (named.length !== entities) throw new CommandError(`Every entity of the template names its table (@Entity({ tableName })): ${file} does not`);
    tables.push(...named);
  }
  return tables;
}

/** The SDL printed as the module's `npm run schema` prints it (descriptions wrap by their length). */
function printLikeTheModule(sdl: string): string {
  return printSubgraphSchema(buildSubgraphSchema({ typeDefs: parse(sdl) }));
}

/** `npm pack` of the kit into `vendor/`: a `file:` folder would load a second copy of graphql beside the module's. */
function packKit(kitDir: string, vendorDir: string): string {
  if (!fs.existsSync(path.join(kitDir, 'dist', 'testing', 'index.js'))) throw new CommandError(`The kit is not built: run \`npm run build\` in ${CHECKOUT}`);
  fs.mkdirSync(vendorDir, { recursive: true });
  const packed = execFileSync('npm', ['pack', kitDir, '--pack-destination', vendorDir, '--json', '--silent'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return (JSON.parse(packed) as { filename: string }[])[0].filename;
}

export interface InitOptions {
  dir: string;
  name: string;
  port?: number;
  templateDir?: string;
  kitDir?: string;
}

export interface InitResult {
  dir: string;
  port: number;
  files: string[];
}

/** Writes the new module into `dir` (created; refused unless new or empty). */
export function initModule({ dir, name, port = defaultPortFor(name), templateDir = TEMPLATE_DIR, kitDir = KIT_DIR }: InitOptions): InitResult {
  if (!MODULE_NAME.test(name)) throw new UsageError(`--name must be 2–40 lowercase letters, digits and dashes, starting with a letter and not ending with a dash: "${name}"`);
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) throw new CommandError(`${dir} is not empty: give a new or empty folder`);
  const read = (file: string) => fs.readFileSync(path.join(templateDir, file), 'utf8');
  const templatePackage = JSON.parse(read('package.json')) as { name: string; description?: string; dependencies: Record<string, string> };
  const from = nameForms(templatePackage.name.replace(/^@[^/]+\//, ''));
  const fromPort = Number(/defaultPort:\s*(\d+)/.exec(read(path.join('src', 'index.ts')))?.[1]);
  const files = templateFiles(templateDir);
  const to = nameForms(name);
  const rename = renamer({ from, to, graph: graphRenames(parse(read('schema.graphql')), from, to), tables: templateTables(templateDir, files), fromPort, toPort: port });

  fs.mkdirSync(dir, { recursive: true });
  const kitTarball = packKit(kitDir, path.join(dir, 'vendor'));
  for (const file of files) {
    let text: string;
    if (file === 'package.json') {
      text = `${JSON.stringify(
        {
          ...templatePackage,
          name,
          description: `The ${name} module of a Corphub hub`,
          dependencies: { ...templatePackage.dependencies, '@corphub/module-kit': `file:vendor/${kitTarball}` },
        },
        null,
        2,
      )}\n`;
    } else if (file === 'tsconfig.json') {
      // the template's references point into the checkout, for its in-repository build
      const { references: _references, ...standalone } = JSON.parse(read(file)) as Record<string, unknown>;
      text = `${JSON.stringify(standalone, null, 2)}\n`;
    } else if (file === 'schema.graphql') {
      text = printLikeTheModule(rename.text(read(file), false));
    } else {
      text = rename.text(read(file), /\.[cm]?[jt]s$/.test(file));
    }
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return { dir, port, files: [...files, path.join('vendor', kitTarball)] };
}

export function initCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommand(args, { name: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return showUsage(io, INIT_USAGE);
  if (positionals.length !== 1 || !values.name) throw new UsageError('Give one folder and --name');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new UsageError(`--port must be a port number: "${values.port}"`);
  const dir = path.resolve(positionals[0]);
  const result = initModule({ dir, name: values.name, port });
  io.out(`created module ${values.name} in ${dir} (port ${result.port}, ${result.files.length} files)`);
  io.out(`next: cd ${dir} && npm install && npm test`);
  return EXIT.OK;
}
