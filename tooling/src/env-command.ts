/** `corphub env`: the environment schema's files, and a check of an environment against it. */
import { checkEnv, ENV_READERS, EnvConfigError, type EnvReader } from '@corphub/module-kit';
import { EXIT, parseCommand, showUsage, UsageError, type CliIo } from './command';
import { renderEnvExample, writeEnvFiles } from './env-files';

export const ENV_USAGE = `usage: corphub env example          print .env.example (every variable, its description and default)
       corphub env generate         write .env.example and the table of docs/configuration.md (npm run env:example)
       corphub env check [--for P]  check this environment as process P would at start (${ENV_READERS.join(', ')}; default: all)`;

const SUBGRAPH_READERS: readonly EnvReader[] = ['identity', 'media', 'messages'];

export function envCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommand(args, { for: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return showUsage(io, ENV_USAGE);
  const [action, ...rest] = positionals;
  if (rest.length) throw new UsageError(`Unexpected argument: ${rest[0]}`);
  if (action === 'example') {
    io.out(renderEnvExample().trimEnd());
    return EXIT.OK;
  }
  if (action === 'generate') {
    const changed = writeEnvFiles();
    io.err(changed.length ? `wrote ${changed.join(', ')}` : '.env.example and docs/configuration.md are up to date');
    return EXIT.OK;
  }
  if (action === 'check') {
    const given = (values.for ?? [...ENV_READERS]) as EnvReader[];
    const unknown = given.filter((reader) => !ENV_READERS.includes(reader));
    if (unknown.length) throw new UsageError(`--for must be one of ${ENV_READERS.join(', ')}, got ${unknown.join(', ')}`);
    // a subgraph named reads what every hub subgraph reads, too (as runSubgraph checks it)
    const readers = given.some((reader) => SUBGRAPH_READERS.includes(reader)) ? [...new Set([...given, 'subgraphs' as const])] : given;
    try {
      checkEnv(readers, io.env);
    } catch (error) {
      if (!(error instanceof EnvConfigError)) throw error;
      for (const problem of error.problems) io.err(problem);
      return EXIT.FAILED;
    }
    io.out(`ok: every variable ${given.join(', ')} read${given.length === 1 ? 's' : ''} is valid`);
    return EXIT.OK;
  }
  throw new UsageError(action ? `Unknown action: ${action}` : 'An action is needed: example, generate or check');
}
