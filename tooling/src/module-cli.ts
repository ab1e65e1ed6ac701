/**
 * `corphub module check | publish | retire`: a module's schema and its life in a running hub's registry
 * (the `checkSubgraph`, `publishSubgraph` and `retireSubgraph` mutations), the report printed as a table.
 * The caller: a vendor token for the app, or a platform admin's with `--app`.
 */
import fs from 'node:fs';
import { callHub, EXIT, HUB_OPTIONS, HUB_USAGE, hubOf, parseCommand, refusal, showUsage, UsageError, type CliIo, type HubAnswer } from './command';

export const CHECK_USAGE = `usage: corphub module check --name NAME --schema FILE [--url URL] [--app APP_ID]
  composes the module's schema (FILE, e.g. schema.graphql) with the hub's and lists its changes;
  exit 0 when it composes and breaks nothing, 1 otherwise
${HUB_USAGE}`;

export const PUBLISH_USAGE = `usage: corphub module publish --name NAME --schema FILE --url ROUTING_URL [--app APP_ID] [--force]
  checks, then stores the schema as the module's next version and writes the next supergraph:
  every gateway routes to ROUTING_URL without a restart. --force (platform admins) publishes breaking changes
${HUB_USAGE}`;

export const RETIRE_USAGE = `usage: corphub module retire NAME   (or --name NAME)
  takes the module out of the graph and lists what clients lose: every gateway drops its fields without a
  restart; retiring it again changes nothing, and its own app's next publish revives it
${HUB_USAGE}`;

const SCHEMA_OPTIONS = { ...HUB_OPTIONS, name: { type: 'string' }, schema: { type: 'string' }, url: { type: 'string' }, app: { type: 'string' } } as const;

const CHECK = /* GraphQL */ `
  mutation CheckSubgraph($input: CheckSubgraphInput!) {
    checkSubgraph(input: $input) { ok table }
  }
`;
const PUBLISH = /* GraphQL */ `
  mutation PublishSubgraph($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) { check { table } version { version forced } supergraph { revision } }
  }
`;
const RETIRE = /* GraphQL */ `
  mutation RetireSubgraph($name: String!) {
    retireSubgraph(name: $name) { table supergraph { revision } }
  }
`;

function readSchema(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** A refusal, as the report a success would print: a refused publish carries the check's table, and why goes to stderr. */
function refused(answer: HubAnswer, io: CliIo): number {
  const [first] = answer.errors!;
  io.out(first.extensions?.table ?? refusal(first));
  if (first.extensions?.table) io.err(`refused (${first.extensions.code}): ${first.message}`);
  return EXIT.FAILED;
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(args, SCHEMA_OPTIONS);
  if (values.help) return showUsage(io, CHECK_USAGE);
  if (!values.name || !values.schema) throw new UsageError('--name and --schema are required');
  const sdl = readSchema(values.schema);
  const answer = await callHub(hubOf(values, io.env), CHECK, { input: { name: values.name, sdl, url: values.url, appId: values.app } });
  if (answer.errors?.length) return refused(answer, io);
  const { ok, table } = answer.data!.checkSubgraph as { ok: boolean; table: string };
  io.out(table);
  return ok ? EXIT.OK : EXIT.FAILED;
}

export async function publishCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(args, { ...SCHEMA_OPTIONS, force: { type: 'boolean' } });
  if (values.help) return showUsage(io, PUBLISH_USAGE);
  if (!values.name || !values.schema || !values.url) throw new UsageError('--name, --schema and --url are required');
  const sdl = readSchema(values.schema);
  const input = { name: values.name, sdl, url: values.url, appId: values.app, force: values.force ?? false };
  const answer = await callHub(hubOf(values, io.env), PUBLISH, { input });
  if (answer.errors?.length) return refused(answer, io);
  const published = answer.data!.publishSubgraph as { check: { table: string }; version: { version: number; forced: boolean }; supergraph: { revision: number } | null };
  io.out(published.check.table);
  io.out(
    `published ${values.name} v${published.version.version}${published.version.forced ? ' (forced)' : ''}` +
      (published.supergraph ? `: supergraph revision ${published.supergraph.revision}, gateways load it without a restart` : ''),
  );
  return EXIT.OK;
}

export async function retireCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { ...HUB_OPTIONS, name: { type: 'string' } });
  if (values.help) return showUsage(io, RETIRE_USAGE);
  const names = [...positionals, ...(values.name ? [values.name] : [])];
  if (names.length !== 1) throw new UsageError('Name one module to retire');
  const [name] = names;
  const answer = await callHub(hubOf(values, io.env), RETIRE, { name });
  if (answer.errors?.length) return refused(answer, io);
  const retired = answer.data!.retireSubgraph as { table: string; supergraph: { revision: number } | null };
  io.out(retired.table);
  // no supergraph: it was retired already, nothing changed
  if (retired.supergraph) io.out(`retired ${name}: supergraph revision ${retired.supergraph.revision}, gateways drop it without a restart`);
  return EXIT.OK;
}
