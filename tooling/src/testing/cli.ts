import { runCli } from '../cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs a `corphub` command line in this process, as `npx corphub …` would: its exit code and what it printed. */
export async function corphub(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
