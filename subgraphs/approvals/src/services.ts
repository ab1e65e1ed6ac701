import { hubSecret, MessageOutbox, ModuleGraph, type CreateServerOptions, type GatewayClient, type Logger, type SecurityConfig } from '@corphub/module-kit';
import { ApprovalsGraph } from './approvals/approval.graph';
import { ApprovalNotifier } from './approvals/approval.notify';

/** The per-process services of approvals, built once at start. */
export interface ApprovalsServices {
  /** The org chart, read from the directory through the gateway as `service:approvals`. */
  graph: ApprovalsGraph;
  /** The same client: the event outbox relays `approval.decided` to identity through it. */
  gateway: GatewayClient;
  /** Messages to approvers and requesters, queued in a decision's transaction. */
  notifier: ApprovalNotifier;
  /** Sends the queued messages (and retries them) in the background: stopped with the server. */
  outbox: MessageOutbox;
}

export function createServices(options: CreateServerOptions & { security: SecurityConfig; logger: Logger }): ApprovalsServices {
  const internalSecret = hubSecret(options.security);
  const gateway = ModuleGraph.clientFor('approvals', options, internalSecret);
  const outbox = MessageOutbox.forModule('approvals', { ...options, internalSecret });
  return { graph: new ApprovalsGraph(gateway), gateway, notifier: new ApprovalNotifier(outbox), outbox };
}
