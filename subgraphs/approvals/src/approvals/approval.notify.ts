import { MessageOutbox } from '@corphub/module-kit';
import type { EntityManager } from '@mikro-orm/core';
import { ApprovalStatus, type ApprovalRequest } from './approval.entity';
import type { ApprovalsContext } from '../context';

const OUTCOMES: Partial<Record<ApprovalStatus, string>> = {
  [ApprovalStatus.APPROVED]: 'Approved',
  [ApprovalStatus.REJECTED]: 'Rejected',
  [ApprovalStatus.SENT_BACK]: 'Sent back',
};

/** Where a message takes its reader: the module's own page of the subject when it gave one. */
const linkOf = (request: ApprovalRequest) => request.link ?? `/approvals/${request.id}`;

/**
 * What approvals tells people in their feed (the messages subgraph): approvers when a step reaches them,
 * the requester on the outcome. Sent as the app that asked (`sendAs`), so the feed shows the module the
 * request belongs to. Queued in the decision's transaction and sent after its commit by the outbox,
 * which retries; a message that cannot be sent never fails the decision.
 */
export class ApprovalNotifier {
  constructor(private readonly outbox: MessageOutbox) {}

  /** The request now waits for these approvers. */
  awaiting(ctx: ApprovalsContext, tx: EntityManager, request: ApprovalRequest, approvers: string[]): void {
    if (request.status !== ApprovalStatus.PENDING || !approvers.length) return;
    MessageOutbox.queue(
      tx,
      {
        to: { unionIds: approvers, ignoreUnknownRecipients: true },
        title: 'Awaiting your approval',
        body: `“${request.title}” is waiting for your decision.${request.summary ? `\n\n${request.summary}` : ''}`,
        link: linkOf(request),
        priority: 'HIGH',
        idempotencyKey: `approval:${request.id}:v${request.version}:awaiting`,
        sendAs: request.appId,
      },
      ctx.requestId,
    );
  }

  /** The requester hears the outcome (a withdrawal is their own or their app's doing: no message). */
  outcome(ctx: ApprovalsContext, tx: EntityManager, request: ApprovalRequest, comment: string | null): void {
    const outcome = OUTCOMES[request.status];
    if (!outcome) return;
    MessageOutbox.queue(
      tx,
      {
        to: { unionIds: [request.requesterUnionId], ignoreUnknownRecipients: true },
        title: `${outcome}: ${request.title}`.slice(0, 200),
        body: `“${request.title}” was ${outcome.toLowerCase()}${comment ? `: ${comment}` : '.'}`,
        link: linkOf(request),
        idempotencyKey: `approval:${request.id}:v${request.version}:decided`,
        sendAs: request.appId,
      },
      ctx.requestId,
    );
  }

  /** A step approved and the request moved on to the next: the requester hears where it is. */
  progressed(ctx: ApprovalsContext, tx: EntityManager, request: ApprovalRequest, stepLabel: string): void {
    MessageOutbox.queue(
      tx,
      {
        to: { unionIds: [request.requesterUnionId], ignoreUnknownRecipients: true },
        title: `Moved on: ${request.title}`.slice(0, 200),
        body: `“${request.title}” was approved at “${stepLabel}” and waits for the next step.`,
        link: linkOf(request),
        idempotencyKey: `approval:${request.id}:v${request.version}:progressed`,
        sendAs: request.appId,
      },
      ctx.requestId,
    );
  }

  /** After the commit: sends what the transaction queued (waiting a few seconds at most). */
  async sendQueued(): Promise<void> {
    await this.outbox.sendQueued();
  }
}
