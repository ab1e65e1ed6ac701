import { MessageOutbox } from '@corphub/module-kit';
import type { EntityManager } from '@mikro-orm/core';
import type { ExpenseClaim } from './claim.entity';
import type { ExpensesContext } from '../context';

/**
 * What the expenses module itself tells people in their feed (the messages subgraph). Approvers and the
 * claimant hear about the approval from the approvals service, which sends in the expenses app's name and
 * links to the claim; expenses tells the claimant what comes after it: the payment. Queued in the claim's
 * own transaction (`tx`) and sent after its commit by the outbox, which retries; a message that cannot be
 * sent never fails the claim's mutation.
 */
export class ClaimNotifier {
  constructor(private readonly outbox: MessageOutbox) {}

  /** Finance paid the claim. */
  paid(ctx: ExpensesContext, tx: EntityManager, claim: ExpenseClaim): void {
    MessageOutbox.queue(
      tx,
      {
        to: { unionIds: [claim.claimantUnionId], ignoreUnknownRecipients: true },
        title: 'Your claim was paid',
        body: `“${claim.title}” was paid (payment reference ${claim.paymentReference}).`,
        link: `/expenses/claims/${claim.id}`,
        idempotencyKey: `claim:${claim.id}:v${claim.version}:paid`,
      },
      ctx.requestId,
    );
  }

  /** After the commit: sends what the transaction queued (waiting a few seconds at most). */
  async sendQueued(): Promise<void> {
    await this.outbox.sendQueued();
  }
}
