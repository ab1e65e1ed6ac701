import type { SubgraphDefinition } from '@corphub/module-kit';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { media } from '@corphub/media';
import { attendance } from '@corphub/attendance';
import { expenses } from '@corphub/expenses';
import { logs } from '@corphub/logs';
import { messages } from '@corphub/messages';
import { approvals } from '@corphub/approvals';

/** Every subgraph of the hub, in start order. A new subgraph is added here (and to the workspaces). */
export const SUBGRAPHS: SubgraphDefinition[] = [identity, directory, media, attendance, expenses, logs, messages, approvals];

export function subgraphNamed(name: string): SubgraphDefinition {
  const found = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!found) throw new Error(`Unknown subgraph "${name}"; known: ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
  return found;
}
