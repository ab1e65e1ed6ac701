import { MessageOutbox } from '@corphub/module-kit';
import type { EntityManager } from '@mikro-orm/core';
import { ApprovalStep, ClaimStatus, StepApprover, type ExpenseClaim } from './claim.entity';
import type { Decision } from './claim.service';
import type { ExpensesContext } from '../context';

/**
 * What the expenses module tells people in their feed (the messages subgraph): the current step's
 * approvers when a claim waits for them, the claimant when someone decided. Queued in the claim's own
 * transaction (`tx`) and sent after its commit by the outbox, which retries; a message that cannot be sent
 * never fails the claim's mutation.
 */
export class ClaimNotifier {
  constructor(private readonly outbox: MessageOutbox) {}

  /** The claim now waits for its current step's approvers. */
  async awaitingApproval(ctx: ExpensesContext, tx: EntityManager, claim: ExpenseClaim): Promise<void> {
    if (claim.status !== ClaimStatus.SUBMITTED || claim.currentStep === null) return;
    const step = await tx.findOne(ApprovalStep, { claim: claim.id, position: claim.currentStep });
    const approvers = step ? (await tx.find(StepApprover, { step: step.id, decision: null })).map((row) => row.approverUnionId) : [];
    MessageOutbox.queue(
      tx,
      {
        to: { unionIds: approvers },
        title: 'A claim awaits your approval',
        body: `“${claim.title}” is waiting for your decision.`,
        link: `/expenses/claims/${claim.id}`,
        priority: 'HIGH',
        idempotencyKey: `claim:${claim.id}:v${claim.version}:awaiting`,
      },
      ctx.requestId,
    );
  }

  /** Someone decided: the claimant hears it, and the next step's approvers if the claim moved on. */
  async decided(ctx: ExpensesContext, tx: EntityManager, claim: ExpenseClaim, decision: Decision, comment: string | null): Promise<void> {
    const outcome =
      decision === 'REJECT' ? { title: 'Your claim was rejected', body: `“${claim.title}” was rejected${comment ? `: ${comment}` : '.'}` }
      : decision === 'SEND_BACK' ? { title: 'Your claim was sent back', body: `“${claim.title}” needs changes${comment ? `: ${comment}` : '.'}` }
      : claim.status === ClaimStatus.APPROVED ? { title: 'Your claim was approved', body: `“${claim.title}” is approved and will be paid.` }
      : { title: 'Your claim moved on', body: `“${claim.title}” was approved at one step and waits for the next.` };
    MessageOutbox.queue(
      tx,
      { to: { unionIds: [claim.claimantUnionId] }, ...outcome, link: `/expenses/claims/${claim.id}`, idempotencyKey: `claim:${claim.id}:v${claim.version}:decided` },
      ctx.requestId,
    );
    await this.awaitingApproval(ctx, tx, claim);
  }

  /** After the commit: sends what the transaction queued (waiting a few seconds at most). */
  async sendQueued(): Promise<void> {
    await this.outbox.sendQueued();
  }
}
