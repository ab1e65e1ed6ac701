import { ENV_READERS, envNamesReadBy, type EnvReader } from '@corphub/module-kit';

/**
 * The environment variables the process of `service` (the gateway, or a subgraph by name) reads, by the kit's
 * environment schema (code reads variables only through it): what a deployment file may set for that process.
 * Variables read by name pattern (CORPHUB_SUBGRAPH_<NAME>_URL) are not listed.
 */
export function envVarsReadBy(service: string): Set<string> {
  const readers: EnvReader[] =
    service === 'gateway' ? ['gateway'] : ['subgraphs', ...ENV_READERS.filter((reader) => reader === service)];
  return new Set<string>(envNamesReadBy(readers).names);
}
