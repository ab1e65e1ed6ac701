import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@corphub/shared';

/** The committed supergraph the gateway loads at start: no network introspection needed. */
export const SUPERGRAPH_FILE = path.join(__dirname, '..', 'supergraph.graphql');

export function subgraphSchemaFile(definition: SubgraphDefinition): string {
  return path.join(definition.migrationsDir, '..', '..', 'schema.graphql');
}

export function defaultRoutingUrl(definition: SubgraphDefinition): string {
  return `http://localhost:${definition.defaultPort}/graphql`;
}

export interface Composition {
  supergraphSdl: string;
  subgraphSdl: Record<string, string>;
}

/** Composes the subgraphs' SDL into a supergraph with @apollo/composition; throws with every composition error. */
export async function composeSupergraph(definitions: SubgraphDefinition[], routingUrl = defaultRoutingUrl): Promise<Composition> {
  const subgraphSdl: Record<string, string> = {};
  for (const definition of definitions) subgraphSdl[definition.name] = printSubgraphSchema(await definition.buildSchema());
  const result = composeServices(
    definitions.map((definition) => ({ name: definition.name, url: routingUrl(definition), typeDefs: parse(subgraphSdl[definition.name]) })),
  );
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return { supergraphSdl: result.supergraphSdl, subgraphSdl };
}

export function readSupergraph(file = SUPERGRAPH_FILE): string {
  return fs.readFileSync(file, 'utf8');
}

/** The committed composition: `npm run compose`'s supergraph and each subgraph's schema.graphql. */
export function readComposition(definitions: SubgraphDefinition[], file = SUPERGRAPH_FILE): Composition {
  return {
    supergraphSdl: readSupergraph(file),
    subgraphSdl: Object.fromEntries(definitions.map((definition) => [definition.name, fs.readFileSync(subgraphSchemaFile(definition), 'utf8')])),
  };
}

/** Production routing: CORPHUB_SUBGRAPH_<NAME>_URL overrides the supergraph's URL for that subgraph. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^CORPHUB_SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) urls[match[1].toLowerCase()] = value;
  }
  return urls;
}
