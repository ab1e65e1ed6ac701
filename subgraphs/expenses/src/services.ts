import { ApprovalsClient, GatewayClient, gatewayUrlOf, hubSecret, MessageOutbox, ModuleGraph, type CreateServerOptions, type Logger, type SecurityConfig } from '@corphub/module-kit';
import { ExpensesGraph } from './claims/claim.graph';
import { ClaimNotifier } from './claims/claim.notify';
import { ClaimApprovals } from './claims/claim.approval';

/** The expenses module's app: its approval requests belong to it, and it hears their outcome. */
export const EXPENSES_APP = 'expenses';

/** The per-process services of expenses, built once at start. */
export interface ExpensesServices {
  /** The directory and media as expenses reads them, through the gateway with its service token. */
  graph: ExpensesGraph;
  /** The approvals service, as the `expenses` app: asks, decides for approvers, withdraws, follows outcomes. */
  approvals: ApprovalsClient;
  /** The same app's reads of its requests' steps, for the claim's `steps`. */
  claimApprovals: ClaimApprovals;
  /** Messages to claimants, queued in a claim's transaction. */
  notifier: ClaimNotifier;
  /** Sends the queued messages (and retries them) in the background: stopped with the server. */
  outbox: MessageOutbox;
}

export function createServices(options: CreateServerOptions & { security: SecurityConfig; logger: Logger }): ExpensesServices {
  const internalSecret = hubSecret(options.security);
  const outbox = MessageOutbox.forModule('expenses', { ...options, internalSecret });
  const asApp = new GatewayClient({ service: 'expenses', appId: EXPENSES_APP, gatewayUrl: gatewayUrlOf(options), internalSecret });
  return {
    graph: new ExpensesGraph(ModuleGraph.clientFor('expenses', options, internalSecret)),
    approvals: new ApprovalsClient(asApp),
    claimApprovals: new ClaimApprovals(asApp),
    notifier: new ClaimNotifier(outbox),
    outbox,
  };
}
