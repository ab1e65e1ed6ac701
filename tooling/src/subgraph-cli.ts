/**
 * `npm run check-subgraph -- --name <name> --schema <file.graphql> [--url <routing url>]`
 * `npm run publish-subgraph -- --name <name> --schema <file.graphql> --url <routing url> [--force] [--app <appId>]`
 * `npm run retire-subgraph -- --name <name>`
 *
 * Sends the schema to a running hub's registry (the `checkSubgraph` / `publishSubgraph` mutations) and
 * prints the report as a table; `retire` takes the module out of the graph (`retireSubgraph`) and prints
 * what clients lose. Exit code 0: it composes and breaks nothing (publish: it is live; retire: it is gone);
 * 1: composition errors, breaking changes or a refusal; 2: wrong usage.
 * The hub: `--gateway` or CORPHUB_GATEWAY_URL (default http://localhost:4000/graphql); the caller:
 * `--token` or CORPHUB_TOKEN (a vendor token for the app, or a platform admin's with `--app`).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const USAGE = [
  'usage: npm run check-subgraph -- --name <name> --schema <file.graphql> [--url <url>] [--app <appId>]',
  '       npm run publish-subgraph -- --name <name> --schema <file.graphql> --url <url> [--app <appId>] [--force]',
  '       npm run retire-subgraph -- --name <name>',
  'check: composes the schema with the hub\'s graph and prints composition errors and changes (changes nothing)',
  'publish: the same check, then stores the version; gateways load it without a restart (a retired name: revived)',
  'retire: takes the module out of the graph; gateways drop its fields without a restart (again: no change)',
  'options: --gateway <url> (or CORPHUB_GATEWAY_URL), --token <jwt> (or CORPHUB_TOKEN), --help',
].join('\n');

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

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; table?: string } }[];
}

/** Runs the CLI; answers the process exit code. */
export async function runSubgraphCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        schema: { type: 'string' },
        url: { type: 'string' },
        app: { type: 'string' },
        force: { type: 'boolean' },
        gateway: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const mode = positionals[0];
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const retire = mode === 'retire';
  if ((mode !== 'check' && mode !== 'publish' && !retire) || !values.name || (!retire && !values.schema) || (mode === 'publish' && !values.url)) {
    io.err(USAGE);
    return 2;
  }
  const token = values.token ?? io.env.CORPHUB_TOKEN;
  if (!token) {
    io.err('A token is needed: --token or CORPHUB_TOKEN (npm run token -- --role vendor --app <appId> --corp <corp>)');
    return 2;
  }
  let sdl = '';
  try {
    if (!retire) sdl = fs.readFileSync(values.schema ?? '', 'utf8');
  } catch (error) {
    io.err(`Cannot read ${values.schema}: ${(error as Error).message}`);
    return 2;
  }
  const input = { name: values.name, sdl, url: values.url, appId: values.app, ...(mode === 'publish' ? { force: values.force ?? false } : {}) };
  const request = retire ? { query: RETIRE, variables: { name: values.name } } : { query: mode === 'check' ? CHECK : PUBLISH, variables: { input } };
  const gateway = values.gateway ?? io.env.CORPHUB_GATEWAY_URL ?? 'http://localhost:4000/graphql';
  let answer: GraphQLAnswer;
  try {
    const response = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
    answer = (await response.json()) as GraphQLAnswer;
  } catch (error) {
    // fetch says only "fetch failed"; the cause says why (refused, unknown host, a port fetch blocks)
    const cause = (error as Error & { cause?: Error }).cause?.message;
    io.err(`Cannot reach the hub at ${gateway}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`);
    return 1;
  }
  if (answer.errors?.length) {
    const [first] = answer.errors;
    // a refused publish carries the check's table
    io.out(first.extensions?.table ?? `✗ ${first.extensions?.code ?? 'ERROR'}: ${first.message}`);
    if (first.extensions?.table) io.err(`refused (${first.extensions.code}): ${first.message}`);
    return 1;
  }
  if (mode === 'check') {
    const { ok, table } = answer.data!.checkSubgraph as { ok: boolean; table: string };
    io.out(table);
    return ok ? 0 : 1;
  }
  if (retire) {
    const retired = answer.data!.retireSubgraph as { table: string; supergraph: { revision: number } | null };
    io.out(retired.table);
    if (retired.supergraph) io.out(`retired ${values.name}: supergraph revision ${retired.supergraph.revision}, gateways drop it without a restart`);
    return 0;
  }
  const published = answer.data!.publishSubgraph as { check: { table: string }; version: { version: number; forced: boolean }; supergraph: { revision: number } | null };
  io.out(published.check.table);
  io.out(
    `published ${values.name} v${published.version.version}${published.version.forced ? ' (forced)' : ''}` +
      (published.supergraph ? `: supergraph revision ${published.supergraph.revision}, gateways load it without a restart` : ''),
  );
  return 0;
}

if (require.main === module) {
  void runSubgraphCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
