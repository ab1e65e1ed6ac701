import type { EntityManager } from '@mikro-orm/core';
import { errors, singleTotal, type ApprovalAsk, type ApprovalState, type GatewayClient, type Money } from '@corphub/module-kit';
import { ApprovalMode, ClaimAction, ClaimEvent, ClaimStatus, ExpenseClaim, managerLevelsFor, StepStatus, type ExpenseSettings } from './claim.entity';

/** The subject type expenses' requests carry in the approvals service (and the inbox resolves through federation). */
export const CLAIM_SUBJECT = 'ExpenseClaim';

/** An approval request as expenses reads it: enough to show a claim's steps and decide who sees it. */
export interface ClaimApproval {
  id: string;
  status: ApprovalState['status'];
  version: number;
  currentStep: number | null;
  steps: {
    position: number;
    kind: 'MANAGER_CHAIN' | 'ROLE' | 'TAG' | 'PEOPLE';
    quorum: ApprovalMode;
    status: StepStatus;
    approvers: { approver: { unionId: string }; decision: string | null }[];
  }[];
}

const DETAILS = /* GraphQL */ `id status version currentStep steps { position kind quorum status approvers { approver { unionId } decision } }`;
/** `approvalRequests(ids:)` takes this many at once. */
const IDS_PER_CALL = 100;

/**
 * The approvals service as expenses sees it, through the gateway with the `expenses` app's service token:
 * the app sees and withdraws only its own requests, and decides for the approver whose context it verified.
 */
export class ClaimApprovals {
  constructor(private readonly client: GatewayClient) {}

  /** The requests by id, in one call per 100; an id the app does not have answers null. */
  async byIds(corpId: string, ids: readonly string[], requestId?: string): Promise<(ClaimApproval | null)[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_CALL) chunks.push(ids.slice(i, i + IDS_PER_CALL));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.client.request<{ approvalRequests: { nodes: ClaimApproval[] } }>(
          corpId,
          /* GraphQL */ `query ExpenseApprovals($ids: [ID!]!, $first: Int!) { approvalRequests(ids: $ids, first: $first) { nodes { ${DETAILS} } } }`,
          { ids: chunk, first: chunk.length },
          requestId,
        ),
      ),
    );
    const byId = new Map(answers.flatMap((answer) => answer.approvalRequests.nodes).map((node) => [node.id, node]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}

/**
 * What a submitted claim asks the approvals service: the manager chain up to the corp's depth or the first
 * level whose limits cover the claim's totals (expenses decides the level: its limits are per currency), then
 * every employee tagged `finance` but the claimant, in the corp's finance mode.
 */
export function approvalAsk(claim: ExpenseClaim, settings: ExpenseSettings, totals: readonly Money[]): ApprovalAsk {
  const levels = managerLevelsFor(settings, totals);
  const total = singleTotal([...totals]);
  const amounts = totals.map((money) => `${money.amount} ${money.currency}`).join(' + ');
  return {
    subjectType: CLAIM_SUBJECT,
    subjectId: claim.id,
    requesterUnionId: claim.claimantUnionId,
    title: claim.title,
    summary: `Expense claim: ${amounts || 'no amount'}`,
    ...(total ? { amountMinor: total.amountMinor, currency: total.currency } : {}),
    link: `/expenses/claims/${claim.id}`,
    steps: [...(levels > 0 ? [{ kind: 'MANAGER_CHAIN' as const, depth: levels }] : []), { kind: 'TAG', tag: 'finance', quorum: settings.financeMode }],
  };
}

const MIRRORED: Partial<Record<string, ClaimAction>> = {
  APPROVED: ClaimAction.APPROVED,
  REJECTED: ClaimAction.REJECTED,
  SENT_BACK: ClaimAction.SENT_BACK,
  TRANSFERRED: ClaimAction.TRANSFERRED,
  WITHDRAWN: ClaimAction.WITHDRAWN,
};

/** The claim's status once its request reached `status` (only a SUBMITTED claim follows its request). */
function statusAfter(claim: ExpenseClaim, status: ApprovalState['status']): ClaimStatus {
  if (claim.status !== ClaimStatus.SUBMITTED) return claim.status;
  return { PENDING: ClaimStatus.SUBMITTED, APPROVED: ClaimStatus.APPROVED, REJECTED: ClaimStatus.REJECTED, SENT_BACK: ClaimStatus.DRAFT, WITHDRAWN: ClaimStatus.WITHDRAWN }[status];
}

/**
 * Mirrors a request's state on its claim, exactly once per history entry: each entry the claim has not seen
 * becomes a history entry of the claim (one version each), and a final status moves the claim (SENT_BACK: a
 * DRAFT again, detached from the request). Two syncs of the same claim race on a compare-and-set of
 * (approvalSynced, version); the loser reads the claim again and adds only what is still missing.
 * Runs in the caller's transaction; a state of another request than the claim's current one changes nothing.
 */
export async function syncClaim(tx: EntityManager, claimId: string, state: ApprovalState): Promise<ExpenseClaim | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const claim = await tx.findOne(ExpenseClaim, { id: claimId }, { refresh: true });
    if (!claim || claim.approvalId !== state.id) return claim;
    const fresh = state.history.filter((entry) => entry.version > claim.approvalSynced && MIRRORED[entry.action]);
    const status = statusAfter(claim, state.status);
    if (!fresh.length && status === claim.status && state.version <= claim.approvalSynced) return claim;
    const version = claim.version + Math.max(fresh.length, status === claim.status ? 0 : 1);
    const detached = status === ClaimStatus.DRAFT;
    const changes = { status, version, approvalSynced: detached ? 0 : state.version, approvalId: detached ? null : claim.approvalId, currentStep: null, updatedAt: new Date() };
    const affected = await tx.nativeUpdate(ExpenseClaim, { id: claim.id, version: claim.version, approvalSynced: claim.approvalSynced }, changes);
    if (affected !== 1) continue;
    fresh.forEach((entry, index) => tx.persist(new ClaimEvent(claim.id, MIRRORED[entry.action]!, entry.actor, claim.version + index + 1, entry.comment)));
    await tx.flush();
    return tx.findOne(ExpenseClaim, { id: claim.id }, { refresh: true });
  }
  throw errors.CONFLICT(`Claim "${claimId}" keeps changing: reload it`);
}
