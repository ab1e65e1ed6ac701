import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { ConfigError, readEnvPattern, type RawEnv } from '@corphub/module-kit/core';

/** The supergraph file the gateway process loads at start: no network introspection needed. */
export function readSupergraph(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`The supergraph file ${file} could not be read (CORPHUB_SUPERGRAPH_FILE): ${(error as Error).message}`);
  }
}

/** The hub manifest sits beside the supergraph unless CORPHUB_HUB_FILE says otherwise. */
export function hubFileBeside(supergraphFile: string): string {
  return path.join(path.dirname(supergraphFile), 'hub.json');
}

/** Each subgraph's routing URL as the supergraph names it. */
export function routingUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const subgraph of Supergraph.build(supergraphSdl).subgraphsMetadata()) if (subgraph.url) urls[subgraph.name] = subgraph.url;
  return urls;
}

/** Production routing: CORPHUB_SUBGRAPH_<NAME>_URL overrides the supergraph's URL for that subgraph. */
export function subgraphUrlsFromEnv(env?: RawEnv): Record<string, string> {
  return readEnvPattern('CORPHUB_SUBGRAPH_<NAME>_URL', env);
}
