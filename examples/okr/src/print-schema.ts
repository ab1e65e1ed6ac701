/** `npm run schema` (after `npm run build`): writes schema.graphql, the SDL that `corphub module check` and `corphub module publish` send. */
import fs from 'node:fs';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildSchema } from './schema';

export const SCHEMA_FILE = path.join(__dirname, '..', 'schema.graphql');

async function main() {
  fs.writeFileSync(SCHEMA_FILE, printSubgraphSchema(await buildSchema()));
  console.log(`wrote ${SCHEMA_FILE}`);
}

void main();
