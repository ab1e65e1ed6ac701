/** `npm run compose`: writes each subgraph's schema.graphql, the supergraph the gateway loads, and the hub manifest. */
import fs from 'node:fs';
import { SUBGRAPHS } from './subgraphs';
import { composeSupergraph, HUB_FILE, hubManifest, SUPERGRAPH_FILE, subgraphSchemaFile } from './supergraph';

async function main() {
  const { supergraphSdl, subgraphSdl } = await composeSupergraph(SUBGRAPHS);
  for (const definition of SUBGRAPHS) {
    fs.writeFileSync(subgraphSchemaFile(definition), subgraphSdl[definition.name]);
    console.log(`wrote ${subgraphSchemaFile(definition)}`);
  }
  fs.writeFileSync(SUPERGRAPH_FILE, supergraphSdl);
  console.log(`wrote ${SUPERGRAPH_FILE}`);
  fs.writeFileSync(HUB_FILE, `${JSON.stringify(hubManifest(SUBGRAPHS), null, 2)}\n`);
  console.log(`wrote ${HUB_FILE}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
