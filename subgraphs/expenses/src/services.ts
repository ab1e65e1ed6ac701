import { hubSecret, MessageOutbox, ModuleGraph, type CreateServerOptions, type Logger, type SecurityConfig } from '@corphub/module-kit';
import { ExpensesGraph } from './claims/claim.graph';
import { ClaimNotifier } from './claims/claim.notify';

/** The per-process services of expenses, built once at start. */
export interface ExpensesServices {
  /** The directory and media as expenses reads them, through the gateway with its service token. */
  graph: ExpensesGraph;
  /** Messages to approvers and claimants, queued in a claim's transaction. */
  notifier: ClaimNotifier;
  /** Sends the queued messages (and retries them) in the background: stopped with the server. */
  outbox: MessageOutbox;
}

export function createServices(options: CreateServerOptions & { security: SecurityConfig; logger: Logger }): ExpensesServices {
  const internalSecret = hubSecret(options.security);
  const outbox = MessageOutbox.forModule('expenses', { ...options, internalSecret });
  return { graph: new ExpensesGraph(ModuleGraph.clientFor('expenses', options, internalSecret)), notifier: new ClaimNotifier(outbox), outbox };
}
