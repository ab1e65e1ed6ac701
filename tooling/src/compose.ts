/** `corphub compose` (`npm run compose`): writes each subgraph's schema.graphql, the supergraph the gateway loads, and the hub manifest. */
import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPHS } from './subgraphs';
import { composeSupergraph, HUB_FILE, hubManifest, KUBERNETES_SUPERGRAPH_DIR, SUPERGRAPH_FILE, subgraphSchemaFile } from './supergraph';
import { CommandError, EXIT, parseCommand, showUsage, UsageError, type CliIo } from './command';

export const COMPOSE_USAGE = `usage: corphub compose
  composes the hub's subgraphs (in this checkout) and writes each one's schema.graphql,
  tooling/supergraph.graphql and tooling/hub.json (and their copies in deploy/kubernetes/base/supergraph);
  exit 1 when they do not compose`;

export async function composeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { help: { type: 'boolean', short: 'h' } });
  if (values.help) return showUsage(io, COMPOSE_USAGE);
  if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  let composed: Awaited<ReturnType<typeof composeSupergraph>>;
  try {
    composed = await composeSupergraph(SUBGRAPHS);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  for (const definition of SUBGRAPHS) {
    fs.writeFileSync(subgraphSchemaFile(definition), composed.subgraphSdl[definition.name]);
    io.out(`wrote ${subgraphSchemaFile(definition)}`);
  }
  fs.writeFileSync(SUPERGRAPH_FILE, composed.supergraphSdl);
  io.out(`wrote ${SUPERGRAPH_FILE}`);
  fs.writeFileSync(HUB_FILE, `${JSON.stringify(hubManifest(SUBGRAPHS), null, 2)}\n`);
  io.out(`wrote ${HUB_FILE}`);
  for (const file of [SUPERGRAPH_FILE, HUB_FILE]) {
    const copy = path.join(KUBERNETES_SUPERGRAPH_DIR, path.basename(file));
    fs.copyFileSync(file, copy);
    io.out(`wrote ${copy}`);
  }
  return EXIT.OK;
}
