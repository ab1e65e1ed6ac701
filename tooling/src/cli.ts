/** `corphub`: the tooling package's command line (`npx corphub …` in the checkout after `npm run build`). */
import { ConfigError, exitOnInvalidEnv } from '@corphub/module-kit';
import { CommandError, EXIT, HUB_USAGE, UsageError, type CliIo } from './command';
import { envCommand, ENV_USAGE } from './env-command';
import { composeCommand, COMPOSE_USAGE } from './compose';
import { initCommand, INIT_USAGE } from './module-init';
import { checkCommand, CHECK_USAGE, publishCommand, PUBLISH_USAGE, retireCommand, RETIRE_USAGE } from './module-cli';
import { tokenCommand, TOKEN_USAGE } from './token';

export const USAGE = `usage: corphub <command> [options]

commands:
  module init DIR --name NAME [--port PORT]     make a new module from the template (examples/okr) in DIR
  module check --name NAME --schema FILE        check a module's schema against a running hub
  module publish --name NAME --schema FILE --url ROUTING_URL [--force]
                                                check, then publish: every gateway serves it without a restart
  module retire NAME                            withdraw a module: every gateway drops it without a restart
  token --corp CORP_ID --role ROLE [...]        print a signed development token
  compose                                       compose this checkout's subgraphs: schema files, supergraph, hub.json
  env example | generate | check [--for PROCESS] print .env.example, write it and docs/configuration.md's table, or
                                                check this environment against the schema

${HUB_USAGE} (check, publish, retire)
corphub <command> --help shows a command's options. Exit codes: 0 done, 1 refused or failed, 2 wrong usage.`;

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  'module init': { run: initCommand, usage: INIT_USAGE },
  'module check': { run: checkCommand, usage: CHECK_USAGE },
  'module publish': { run: publishCommand, usage: PUBLISH_USAGE },
  'module retire': { run: retireCommand, usage: RETIRE_USAGE },
  token: { run: tokenCommand, usage: TOKEN_USAGE },
  compose: { run: composeCommand, usage: COMPOSE_USAGE },
  env: { run: envCommand, usage: ENV_USAGE },
};

/** Runs one command line; answers the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io[argv.length ? 'out' : 'err'](USAGE);
    return argv.length ? EXIT.OK : EXIT.USAGE;
  }
  if (argv[0] === 'module' && (argv.length === 1 || argv[1] === '--help' || argv[1] === '-h')) return runCli(argv.slice(1), io);
  const key = argv[0] === 'module' ? `module ${argv[1]}` : argv[0];
  const command = COMMANDS[key];
  if (!command) {
    io.err(`corphub: unknown command "${argv.slice(0, argv[0] === 'module' ? 2 : 1).join(' ')}"\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  try {
    return await command.run(argv.slice(key.split(' ').length), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`corphub ${key}: ${error.message}\n\n${command.usage}`);
      return EXIT.USAGE;
    }
    // a bad environment variable (the schema names it): refused like a failed command
    if (error instanceof CommandError || error instanceof ConfigError) {
      io.err(`corphub ${key}: ${error.message}`);
      return EXIT.FAILED;
    }
    throw error;
  }
}

/** The process: argv in, exit code out (bin/corphub.js, which npm links as `corphub`, calls it). */
export function main(): void {
  exitOnInvalidEnv('corphub', ['cli']);
  runCli(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      console.error(`corphub: ${error.stack ?? error.message}`);
      process.exitCode = EXIT.FAILED;
    },
  );
}

if (require.main === module) main();
