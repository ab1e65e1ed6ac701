import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { manifestOf, type SubgraphDefinition, type SubgraphManifest } from '@corphub/module-kit';

/** The committed supergraph of the hub's own subgraphs, which a gateway process loads at start. */
export const SUPERGRAPH_FILE = path.join(__dirname, '..', 'supergraph.graphql');
/** The committed hub manifest beside it: which subgraphs are core, their routes, the hub services they provide. */
export const HUB_FILE = path.join(__dirname, '..', 'hub.json');
/** Copies of the two, which deploy/kubernetes's ConfigMap generator reads (kustomize reads no file outside its folder). */
export const KUBERNETES_SUPERGRAPH_DIR = path.join(__dirname, '..', '..', 'deploy', 'kubernetes', 'base', 'supergraph');

/** The hub manifest of these subgraphs, as the gateway is told it. */
export function hubManifest(definitions: SubgraphDefinition[]): SubgraphManifest[] {
  return definitions.map(manifestOf);
}

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
