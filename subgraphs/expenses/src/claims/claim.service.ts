import type { EntityManager } from '@mikro-orm/core';
import { CORP_READERS, errors, Role, Money, minorDigits, parseAmount, type AuthContext } from '@corphub/module-kit';
import { ApprovalMode, ApprovalStep, ClaimAction, ClaimEvent, ClaimStatus, ExpenseClaim, ExpenseSettings, LineItem, MAX_COMMENT_LENGTH, StepApprover, StepStatus, managerLevelsFor } from './claim.entity';
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

/**
 * A claim the caller may not see is NOT_FOUND, like another corp's. Inside a transaction pass its `tx`:
 * SQLite has one connection, so a read through the request's own fork would wait for the transaction forever.
 */
export async function canSeeClaim(ctx: ExpensesContext, claim: ExpenseClaim, tx?: EntityManager): Promise<boolean> {
  if (isCorpReader(ctx.auth) || claim.claimantUnionId === ctx.auth.unionId) return true;
  if (!ctx.auth.unionId) return false;
  if (tx) return (await tx.count(StepApprover, { claimId: claim.id, approverUnionId: ctx.auth.unionId })) > 0;
  const approvers = await ctx.loaders.approversByClaimId.load(claim.id);
  return approvers.some((row) => row.approverUnionId === ctx.auth.unionId);
}

export function record(tx: EntityManager, claim: ExpenseClaim, action: ClaimAction, actor: string, comment: string | null = null): void {
  tx.persist(new ClaimEvent(claim.id, action, actor, claim.version, comment));
}

/**
 * The steps fixed on submit: the manager chain (one step each, nearest first) up to the corp's depth or the
 * first level whose approval limits cover the claim's totals (`managerLevelsFor`), then finance.
 */
export async function planSteps(ctx: ExpensesContext, claimantUnionId: string, totals: readonly Money[]): Promise<{ role: string; mode: ApprovalMode; approvers: string[] }[]> {
  const settings = await settingsOf(ctx.em);
  const managers = (await ctx.services.graph.managerChain(ctx.auth.corpId, claimantUnionId, ctx.requestId)).slice(0, managerLevelsFor(settings, totals));
  const finance = (await ctx.services.graph.financeApprovers(ctx.auth.corpId, ctx.requestId)).filter((unionId) => unionId !== claimantUnionId);
  if (!finance.length) throw errors.BAD_USER_INPUT('No finance approver: tag at least one other employee "finance" in the directory');
  return [...managers.map((unionId) => ({ role: 'MANAGER', mode: ApprovalMode.ANY, approvers: [unionId] })), { role: 'FINANCE', mode: settings.financeMode, approvers: finance }];
}

export function writeSteps(tx: EntityManager, claim: ExpenseClaim, plan: Awaited<ReturnType<typeof planSteps>>): void {
  const claimRef = tx.getReference(ExpenseClaim, claim.id, { wrapped: true });
  for (const [position, { role, mode, approvers }] of plan.entries()) {
    const step = new ApprovalStep(claimRef, position, role, mode);
    if (position === 0) step.status = StepStatus.PENDING;
    tx.persist(step);
    for (const unionId of approvers) tx.persist(new StepApprover(tx.getReference(ApprovalStep, step.id, { wrapped: true }), claim.id, unionId));
  }
  claim.currentStep = 0;
}

export async function clearSteps(tx: EntityManager, claim: ExpenseClaim): Promise<void> {
  await tx.nativeDelete(StepApprover, { claimId: claim.id });
  await tx.nativeDelete(ApprovalStep, { claim: claim.id });
  claim.currentStep = null;
}

export type Decision = 'APPROVE' | 'REJECT' | 'SEND_BACK';

/** An approver of the current step decides; the version guard makes one of many racing decisions win. */
export async function decide(
  ctx: ExpensesContext,
  claimId: string,
  version: number,
  decision: Decision,
  comment: string | null,
  /** Runs in the decision's transaction once it is made (queues its messages). */
  decided: (tx: EntityManager, claim: ExpenseClaim) => Promise<void>,
): Promise<ExpenseClaim> {
  const me = actorOf(ctx.auth);
  if (decision !== 'APPROVE' && !comment?.trim()) throw errors.BAD_USER_INPUT('A reason is required');
  if (comment && comment.length > MAX_COMMENT_LENGTH) throw errors.BAD_USER_INPUT(`A comment is at most ${MAX_COMMENT_LENGTH} characters`);
  return ctx.em.transactional(async (tx) => {
    const claim = await decideIn(tx);
    await decided(tx, claim);
    return claim;
  });

  async function decideIn(tx: EntityManager): Promise<ExpenseClaim> {
    const claim = await loadClaim(tx, claimId);
    if (!(await canSeeClaim(ctx, claim, tx))) throw errors.NOT_FOUND(`Claim "${claimId}" not found`);
    if (claim.version !== version) throw errors.CONFLICT(`Claim "${claimId}" is at version ${claim.version}, not ${version}: reload it`, { currentVersion: claim.version });
    if (claim.status !== ClaimStatus.SUBMITTED || claim.currentStep == null) throw errors.CONFLICT(`Claim "${claimId}" is ${claim.status}, not awaiting a decision`, { currentStatus: claim.status });
    // the guard first: a request that lost the race is CONFLICT, whatever the winner changed (a FORBIDDEN below rolls it back)
    await claimVersion(tx, claim, version);
    const step = await tx.findOneOrFail(ApprovalStep, { claim: claim.id, position: claim.currentStep });
    const approvers = await tx.find(StepApprover, { step: step.id });
    const mine = approvers.find((row) => row.approverUnionId === me && row.decision === null);
    if (!mine) throw errors.FORBIDDEN(`Only an approver of the current step may decide claim "${claimId}"`);
    if (decision === 'SEND_BACK') {
      await clearSteps(tx, claim);
      claim.status = ClaimStatus.DRAFT;
      record(tx, claim, ClaimAction.SENT_BACK, me, comment);
      return claim;
    }
    mine.decision = decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
    if (decision === 'REJECT') {
      step.status = StepStatus.REJECTED;
      claim.status = ClaimStatus.REJECTED;
      claim.currentStep = null;
      record(tx, claim, ClaimAction.REJECTED, me, comment);
      return claim;
    }
    record(tx, claim, ClaimAction.APPROVED, me, comment);
    const settled = step.mode === ApprovalMode.ANY || approvers.every((row) => row.decision === 'APPROVED');
    if (settled) {
      step.status = StepStatus.APPROVED;
      const next = await tx.findOne(ApprovalStep, { claim: claim.id, position: step.position + 1 });
      if (next) {
        next.status = StepStatus.PENDING;
        claim.currentStep = next.position;
        // issue 9 hook: notify next step's approvers through the messages subgraph once it exists
      } else {
        claim.status = ClaimStatus.APPROVED;
        claim.currentStep = null;
      }
    }
    return claim;
  }
}
