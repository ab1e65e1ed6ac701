/** `npm run compose`: writes each subgraph's schema.graphql and the supergraph the gateway loads. */
import fs from 'node:fs';
import { SUBGRAPHS } from './subgraphs';
import { composeSupergraph, SUPERGRAPH_FILE, subgraphSchemaFile } from './supergraph';

async function main() {
  const { supergraphSdl, subgraphSdl } = await composeSupergraph(SUBGRAPHS);
  for (const definition of SUBGRAPHS) {
    fs.writeFileSync(subgraphSchemaFile(definition), subgraphSdl[definition.name]);
    console.log(`wrote ${subgraphSchemaFile(definition)}`);
  }
  fs.writeFileSync(SUPERGRAPH_FILE, supergraphSdl);
  console.log(`wrote ${SUPERGRAPH_FILE}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
