/** What every `corphub` command shares: its input and output, exit codes, and how it reaches a hub. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ENV_SCHEMA, readEnv, type RawEnv } from '@corphub/module-kit';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The environment the command reads (through the schema); the process's own when absent. */
  env?: RawEnv;
}

/** 0: done; 1: refused or failed (the hub said no, a file is in the way); 2: wrong usage. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/** `--help`: the command's usage on standard output. */
export function showUsage(io: CliIo, usage: string): number {
  io.out(usage);
  return EXIT.OK;
}

/** A command's answer to wrong usage: the message and the command's usage, exit code 2. */
export class UsageError extends Error {}

/** A command that could not do its work: its message, exit code 1. */
export class CommandError extends Error {}

export const DEFAULT_GATEWAY = ENV_SCHEMA.CORPHUB_GATEWAY_URL.default;

/** The options of every command that talks to a hub. */
export const HUB_OPTIONS = {
  gateway: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const HUB_USAGE = `hub options: --gateway URL (or CORPHUB_GATEWAY_URL; default ${DEFAULT_GATEWAY}), --token JWT (or CORPHUB_TOKEN)`;

export type ParsedCommand<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/** parseArgs, with its complaints (an unknown option, a missing value) turned into usage errors. */
export function parseCommand<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T): ParsedCommand<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface Hub {
  gateway: string;
  token: string;
}

/** The hub a command talks to and the caller it sends: flags first, then the environment. */
export function hubOf(values: { gateway?: string; token?: string }, env?: RawEnv): Hub {
  const vars = readEnv(['CORPHUB_TOKEN', 'CORPHUB_GATEWAY_URL'], env);
  const token = values.token ?? vars.CORPHUB_TOKEN;
  if (!token) throw new UsageError('A token is needed: --token or CORPHUB_TOKEN (corphub token --corp <corp> --role vendor --app <appId>)');
  return { gateway: values.gateway ?? vars.CORPHUB_GATEWAY_URL, token };
}

export interface HubError {
  message: string;
  extensions?: { code?: string; table?: string };
}

export interface HubAnswer {
  data?: Record<string, unknown> | null;
  errors?: HubError[];
}

/** Sends one GraphQL operation to the hub's gateway; a hub that cannot be reached is a CommandError. */
export async function callHub(hub: Hub, query: string, variables: Record<string, unknown>): Promise<HubAnswer> {
  try {
    const response = await fetch(hub.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as HubAnswer;
  } catch (error) {
    // fetch says only "fetch failed"; the cause says why (refused, unknown host, a port fetch blocks)
    const cause = (error as Error & { cause?: Error }).cause?.message;
    throw new CommandError(`Cannot reach the hub at ${hub.gateway}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`);
  }
}

/** A hub's refusal as one line: `✗ CODE: message`. */
export function refusal(error: HubError): string {
  return `✗ ${error.extensions?.code ?? 'ERROR'}: ${error.message}`;
}
