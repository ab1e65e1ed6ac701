import type { EntityManager } from '@mikro-orm/core';
import { CORP_READERS, errors, Role, Money, minorDigits, parseAmount, totalsByCurrency, type ApprovalAsk, type AuthContext } from '@corphub/module-kit';
import { ApprovalStep, ClaimAction, ClaimEvent, ClaimStatus, ExpenseClaim, ExpenseSettings, LineItem, MAX_COMMENT_LENGTH, StepApprover } from './claim.entity';
import { approvalAsk, syncClaim } from './claim.approval';
import type { LineItemInput } from './claim.inputs';
import type { ExpensesContext } from '../context';

export async function settingsOf(em: EntityManager): Promise<ExpenseSettings> {
  return (await em.findOne(ExpenseSettings, {})) ?? new ExpenseSettings();
}

/** The caller acting for themself; services and apps cannot claim or decide. */
export function actorOf(auth: AuthContext): string {
  if (!auth.unionId) throw errors.FORBIDDEN('Only a person (a token with a unionId) may do this');
  return auth.unionId;
}

/** Who reads every claim of the corp (a department admin: of their subtree's people, through the people scope): corp readers and finance. */
export const isCorpReader = (auth: AuthContext) => (CORP_READERS as readonly string[]).includes(auth.role) || auth.role === Role.FINANCE;

export interface CheckedItem {
  input: LineItemInput;
  amount: Money;
}

/** Validates every item (and asks media about each invoice) before anything is written. */
export async function checkItems(ctx: ExpensesContext, inputs: LineItemInput[]): Promise<CheckedItem[]> {
  const { categories } = await settingsOf(ctx.em);
  const checked: CheckedItem[] = [];
  for (const [index, input] of inputs.entries()) {
    const where = `items[${index}]`;
    if (!categories.includes(input.category)) throw errors.BAD_USER_INPUT(`${where}: unknown category "${input.category}"; the corp's are ${categories.join(', ')}`);
    if ((input.amount == null) === (input.amountMinor == null)) throw errors.BAD_USER_INPUT(`${where}: give either amount or amountMinor`);
    minorDigits(input.currency);
    const amountMinor = input.amount != null ? parseAmount(input.amount, input.currency) : input.amountMinor!;
    if (amountMinor < 0) throw errors.BAD_USER_INPUT(`${where}: the amount must not be negative`);
    checked.push({ input, amount: new Money(amountMinor, input.currency) });
  }
  for (const { input } of checked) if (input.invoiceId) await ctx.services.graph.checkInvoice(ctx.auth.corpId, input.invoiceId, ctx.requestId);
  return checked;
}

export function writeItems(tx: EntityManager, claim: ExpenseClaim, items: CheckedItem[]): void {
  const ref = tx.getReference(ExpenseClaim, claim.id, { wrapped: true });
  for (const [position, { input, amount }] of items.entries()) {
    const item = new LineItem(ref, position, input.category, amount, input.incurredOn);
    Object.assign(item, { merchant: input.merchant ?? null, note: input.note ?? null, invoiceId: input.invoiceId ?? null });
    tx.persist(item);
  }
}

/**
 * The exactly-once guard: bumps the version only when it is still the one the caller read. Under a race
 * the row lock (PostgreSQL) or the single writer (SQLite) lets one request through; the others see 0 rows.
 */
export async function claimVersion(tx: EntityManager, claim: ExpenseClaim, expected: number): Promise<void> {
  if (claim.version !== expected) throw errors.CONFLICT(`Claim "${claim.id}" is at version ${claim.version}, not ${expected}: reload it`, { currentVersion: claim.version });
  const now = new Date();
  const affected = await tx.nativeUpdate(ExpenseClaim, { id: claim.id, version: expected }, { version: expected + 1, updatedAt: now });
  if (affected !== 1) throw errors.CONFLICT(`Claim "${claim.id}" was changed by someone else: reload it`);
  // keep the identity map in step with the row, so the flush writes only the other changes
  tx.getUnitOfWork().getOriginalEntityData(claim)!.version = expected + 1;
  tx.getUnitOfWork().getOriginalEntityData(claim)!.updatedAt = now;
  claim.version = expected + 1;
  claim.updatedAt = now;
}

export async function loadClaim(tx: EntityManager, id: string): Promise<ExpenseClaim> {
  const claim = await tx.findOne(ExpenseClaim, { id }, { refresh: true });
  if (!claim) throw errors.NOT_FOUND(`Claim "${id}" not found`);
  return claim;
}

/** Everyone who approves (or approved) the claim at any step: from its request, or its legacy rows. */
export async function approversOf(ctx: ExpensesContext, claim: ExpenseClaim): Promise<string[]> {
  if (claim.approvalId) {
    const approval = await ctx.loaders.approvalById.load(claim.approvalId);
    return approval?.steps.flatMap((step) => step.approvers.map((row) => row.approver.unionId)) ?? [];
  }
  return (await ctx.loaders.approversByClaimId.load(claim.id)).map((row) => row.approverUnionId);
}

/**
 * A claim the caller may not see is NOT_FOUND, like another corp's. Reads the approvals service through the
 * graph: call it before a transaction, never inside one.
 */
export async function canSeeClaim(ctx: ExpensesContext, claim: ExpenseClaim): Promise<boolean> {
  if (isCorpReader(ctx.auth) || claim.claimantUnionId === ctx.auth.unionId) return true;
  if (!ctx.auth.unionId) return false;
  return (await approversOf(ctx, claim)).includes(ctx.auth.unionId);
}

/** The claim as it is now, if the caller may see it (NOT_FOUND otherwise); checked before the mutation's transaction. */
export async function visibleClaim(ctx: ExpensesContext, id: string): Promise<ExpenseClaim> {
  const claim = await loadClaim(ctx.em, id);
  if (!(await canSeeClaim(ctx, claim))) throw errors.NOT_FOUND(`Claim "${id}" not found`);
  return claim;
}

export function record(tx: EntityManager, claim: ExpenseClaim, action: ClaimAction, actor: string, comment: string | null = null): void {
  tx.persist(new ClaimEvent(claim.id, action, actor, claim.version, comment));
}

export type Decision = 'APPROVE' | 'REJECT' | 'SEND_BACK';

/**
 * approveClaim, rejectClaim, sendBackClaim: the approver decides through the approvals service (for them,
 * `onBehalfOf`), at the request's current version; the service lets exactly one of racing decisions win
 * (CONFLICT for the rest), and the claim mirrors the outcome at once (syncClaim). The claim's `version`
 * stays the client's guard, as before.
 */
export async function decide(ctx: ExpensesContext, claimId: string, version: number, decision: Decision, comment: string | null): Promise<ExpenseClaim> {
  const me = actorOf(ctx.auth);
  if (decision !== 'APPROVE' && !comment?.trim()) throw errors.BAD_USER_INPUT('A reason is required');
  if (comment && comment.length > MAX_COMMENT_LENGTH) throw errors.BAD_USER_INPUT(`A comment is at most ${MAX_COMMENT_LENGTH} characters`);
  const { corpId } = ctx.auth;
  let claim = await visibleClaim(ctx, claimId);
  if (claim.version !== version) throw errors.CONFLICT(`Claim "${claimId}" is at version ${claim.version}, not ${version}: reload it`, { currentVersion: claim.version });
  if (claim.status !== ClaimStatus.SUBMITTED) throw errors.CONFLICT(`Claim "${claimId}" is ${claim.status}, not awaiting a decision`, { currentStatus: claim.status });
  if (!claim.approvalId) claim = await handOver(ctx, claim);
  const approvalId = claim.approvalId!;
  const approval = await ctx.loaders.approvalById.load(approvalId);
  if (!approval) throw errors.CONFLICT(`Claim "${claimId}" has no approval request to decide: reload it`);
  if (approval.version !== claim.approvalSynced) {
    // decided in the inbox since the claim last heard: the claim catches up, and the caller read an old version
    const state = (await ctx.services.approvals.states(corpId, [approvalId], ctx.requestId)).get(approvalId);
    const synced = state && (await ctx.em.transactional((tx) => syncClaim(tx, claimId, state)));
    throw errors.CONFLICT(`Claim "${claimId}" changed since version ${version}: reload it`, { currentVersion: synced?.version ?? claim.version });
  }
  const decided = await ctx.services.approvals.decide(corpId, { id: approvalId, version: approval.version, decision, comment, onBehalfOf: me }, ctx.requestId);
  // the steps read for the visibility check are the ones before the decision
  ctx.loaders.approvalById.clear(approvalId);
  return (await ctx.em.transactional((tx) => syncClaim(tx, claimId, decided)))!;
}

/**
 * A claim submitted before approvals moved to the approvals service has its steps in expenses' legacy rows:
 * on its first decision it is handed over, its steps still to decide becoming PEOPLE steps of a request
 * (the decided ones stay in its history).
 */
async function handOver(ctx: ExpensesContext, claim: ExpenseClaim): Promise<ExpenseClaim> {
  const steps = await ctx.em.find(ApprovalStep, { claim: claim.id, position: { $gte: claim.currentStep ?? 0 } }, { orderBy: { position: 'asc' } });
  const rows = await ctx.em.find(StepApprover, { claimId: claim.id, decision: null });
  const ask: ApprovalAsk = {
    ...approvalAsk(claim, await settingsOf(ctx.em), totalsByCurrency((await ctx.em.find(LineItem, { claim: claim.id })).map((item) => item.amount))),
    steps: steps
      .map((step) => ({ kind: 'PEOPLE' as const, quorum: step.mode, unionIds: rows.filter((row) => row.step.id === step.id).map((row) => row.approverUnionId) }))
      .filter((step) => step.unionIds.length),
  };
  const state = await ctx.services.approvals.request(ctx.auth.corpId, ask, ctx.requestId);
  await ctx.em.transactional(async (tx) => {
    const affected = await tx.nativeUpdate(ExpenseClaim, { id: claim.id, approvalId: null, status: ClaimStatus.SUBMITTED }, { approvalId: state.id, approvalSynced: state.version });
    if (affected !== 1) throw errors.CONFLICT(`Claim "${claim.id}" was changed by someone else: reload it`);
  });
  return loadClaim(ctx.em, claim.id);
}
