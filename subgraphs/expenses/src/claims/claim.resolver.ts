import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { employeeStub, errors, mediaReference, MediaReference, Money, PageArgs, paginate, parseAmount, Role, singleTotal, totalsByCurrency } from '@corphub/module-kit';
import { CLAIM_SUBJECT, syncClaim, approvalAsk, type ClaimApproval } from './claim.approval';
import { ApprovalRequestStub } from './approval-request.resolver';
import { ApprovalStep, ClaimAction, ClaimEvent, ClaimStatus, ExpenseClaim, ExpenseSettings, LineItem, StepApprover, StepStatus } from './claim.entity';
import { ClaimFilterArgs, ClaimInput, ExpenseSettingsInput } from './claim.inputs';
import { ExpenseClaimConnection, type ClaimsQuery } from './claim.connection';
import { actorOf, canSeeClaim, checkItems, claimVersion, decide, isCorpReader, loadClaim, record, settingsOf, visibleClaim, writeItems } from './claim.service';
import type { ExpensesContext } from '../context';

/** Roles that act for themselves as a person (their token carries a unionId); analysts change nothing. */
const PEOPLE = [Role.EMPLOYEE, Role.ADMIN, Role.DEPARTMENT_ADMIN, Role.FINANCE];

export const EmployeeStub = employeeStub();
export type EmployeeStub = InstanceType<typeof EmployeeStub>;

@Resolver(() => LineItem)
export class LineItemResolver {
  @FieldResolver(() => MediaReference, { nullable: true, description: 'The invoice scan or PDF.' })
  invoice(@Root() item: LineItem) {
    return mediaReference(item.invoiceId);
  }
}

/** A step as the graph shows it: a legacy row, or a step of the claim's request with its approvers at hand. */
type ShownStep = ApprovalStep & { approverRows?: Pick<StepApprover, 'approverUnionId' | 'decision'>[] };

/** A request's steps in expenses' long-standing shape: MANAGER for the manager chain, FINANCE for the finance tag. */
function stepsOf(approval: ClaimApproval): ShownStep[] {
  return approval.steps.map((step) => ({
    id: `${approval.id}:${step.position}`,
    position: step.position,
    role: step.kind === 'MANAGER_CHAIN' ? 'MANAGER' : step.kind === 'TAG' ? 'FINANCE' : step.kind,
    mode: step.quorum,
    status: step.status,
    approverRows: step.approvers.map((row) => ({ approverUnionId: row.approver.unionId, decision: row.decision })),
  })) as ShownStep[];
}

@Resolver(() => ApprovalStep)
export class ApprovalStepResolver {
  @FieldResolver(() => [StepApprover])
  approvers(@Root() step: ShownStep, @Ctx() { loaders }: ExpensesContext) {
    return step.approverRows ?? loaders.approversByStepId.load(step.id);
  }
}

@Resolver(() => StepApprover)
export class StepApproverResolver {
  @FieldResolver(() => EmployeeStub)
  approver(@Root() row: StepApprover): EmployeeStub {
    return { unionId: row.approverUnionId };
  }
}

@Resolver(() => EmployeeStub)
export class EmployeeClaimsResolver {
  @FieldResolver(() => ExpenseClaimConnection, { nullable: true, description: 'The employee’s expense claims, newest first, with totals over the whole filtered set; null when the caller may not see them (only the employee and corp-wide readers may).' })
  expenseClaims(@Root() employee: EmployeeStub, @Args() filter: ClaimFilterArgs, @Args() page: PageArgs, @Ctx() { auth, loaders }: ExpensesContext) {
    if (!isCorpReader(auth) && auth.unionId !== employee.unionId) return null;
    const query: ClaimsQuery = { unionId: employee.unionId, status: filter.status ?? null, from: filter.from ?? null, to: filter.to ?? null, first: page.first, after: page.after ?? null };
    return loaders.claimsOfEmployee.load(JSON.stringify(query));
  }
}

@Resolver(() => ExpenseClaim)
export class ClaimResolver {
  @FieldResolver(() => EmployeeStub)
  claimant(@Root() claim: ExpenseClaim): EmployeeStub {
    return { unionId: claim.claimantUnionId };
  }

  @FieldResolver(() => [LineItem])
  items(@Root() claim: ExpenseClaim, @Ctx() { loaders }: ExpensesContext) {
    return loaders.lineItemsByClaimId.load(claim.id);
  }

  @FieldResolver(() => [Money], { description: 'Sums per currency, by currency code; never converted.' })
  async totals(@Root() claim: ExpenseClaim, @Ctx() { loaders }: ExpensesContext) {
    return totalsByCurrency((await loaders.lineItemsByClaimId.load(claim.id)).map((item) => item.amount));
  }

  @FieldResolver(() => Money, { nullable: true, description: 'The sum when every item has one currency; null when mixed or empty.' })
  async total(@Root() claim: ExpenseClaim, @Ctx() { loaders }: ExpensesContext) {
    return singleTotal(totalsByCurrency((await loaders.lineItemsByClaimId.load(claim.id)).map((item) => item.amount)));
  }

  @FieldResolver(() => [ApprovalStep], { description: 'The approval steps fixed on submit, in order (the approvals service’s request; empty for a draft).' })
  async steps(@Root() claim: ExpenseClaim, @Ctx() { loaders }: ExpensesContext): Promise<ShownStep[]> {
    if (!claim.approvalId) return claim.status === ClaimStatus.DRAFT ? [] : loaders.stepsByClaimId.load(claim.id);
    const approval = await loaders.approvalById.load(claim.approvalId);
    return approval ? stepsOf(approval) : [];
  }

  @FieldResolver(() => ApprovalRequestStub, { nullable: true, description: 'The approvals service’s request for the claim’s current submission (null for a draft and for claims submitted before the move).' })
  approval(@Root() claim: ExpenseClaim): ApprovalRequestStub | null {
    return claim.approvalId ? { id: claim.approvalId } : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Position of the step awaiting a decision while SUBMITTED.' })
  async currentStep(@Root() claim: ExpenseClaim, @Ctx() { loaders }: ExpensesContext): Promise<number | null> {
    if (claim.status !== ClaimStatus.SUBMITTED) return null;
    if (!claim.approvalId) return claim.currentStep;
    return (await loaders.approvalById.load(claim.approvalId))?.currentStep ?? null;
  }

  @FieldResolver(() => [ClaimEvent], { description: 'Every step of the claim, oldest first.' })
  history(@Root() claim: ExpenseClaim, @Ctx() { loaders }: ExpensesContext) {
    return loaders.historyByClaimId.load(claim.id);
  }

  @Query(() => ExpenseClaim, { description: 'A claim the caller may see: their own, one they approve, or any for corp-wide readers.' })
  async expenseClaim(@Arg('id', () => ID) id: string, @Ctx() ctx: ExpensesContext) {
    const claim = await ctx.loaders.claimById.load(id);
    if (!claim || !(await canSeeClaim(ctx, claim))) throw errors.NOT_FOUND(`Claim "${id}" not found`);
    return claim;
  }

  @Query(() => ExpenseClaimConnection, { description: 'Claims awaiting the caller’s decision (their step is the current one), oldest submitted first. The same requests are in the one inbox, `me { pendingApprovals }`.' })
  @Authorized(...PEOPLE)
  async pendingApprovals(@Args() page: PageArgs, @Ctx() { auth, em, services, requestId }: ExpensesContext) {
    const me = actorOf(auth);
    const awaiting = await services.approvals.subjectsAwaiting(auth.corpId, me, CLAIM_SUBJECT, requestId);
    // claims submitted before the move wait in expenses' legacy rows until their first decision hands them over
    const legacy = await em.find(StepApprover, { approverUnionId: me, decision: null, step: { status: StepStatus.PENDING } });
    const where = { id: { $in: [...awaiting, ...legacy.map((row) => row.claimId)] }, status: ClaimStatus.SUBMITTED };
    const result = await paginate(em, ExpenseClaim, where, page, [
      ['updatedAt', 'asc'],
      ['id', 'asc'],
    ]);
    let totals: Promise<Money[]> | undefined;
    // counted and summed only when a client selects them
    return {
      get edges() {
        return result.edges;
      },
      nodes: result.nodes,
      pageInfo: result.pageInfo,
      get totalCount() {
        return result.totalCount;
      },
      get totals() {
        totals ??= em.find(LineItem, { claim: where }).then((items) => totalsByCurrency(items.map((item) => item.amount)));
        return totals;
      },
      get total() {
        return this.totals.then(singleTotal);
      },
    };
  }

  @Query(() => ExpenseSettings)
  expenseSettings(@Ctx() { em }: ExpensesContext) {
    return settingsOf(em);
  }

  @Mutation(() => ExpenseSettings, { description: 'Admins: the corp’s categories, manager depth, manager approval limits and finance mode.' })
  @Authorized(Role.ADMIN)
  async updateExpenseSettings(@Arg('input', () => ExpenseSettingsInput) input: ExpenseSettingsInput, @Ctx() { em }: ExpensesContext) {
    return em.transactional(async (tx) => {
      const settings = await settingsOf(tx);
      if (input.categories) settings.categories = [...new Set(input.categories)];
      if (input.managerDepth != null) settings.managerDepth = input.managerDepth;
      if (input.financeMode) settings.financeMode = input.financeMode;
      if (input.managerApprovalLimits) {
        const seen = new Set<string>();
        settings.approvalLimits = input.managerApprovalLimits.map(({ level, currency, amount }) => {
          if (seen.has(`${level}|${currency}`)) throw errors.BAD_USER_INPUT(`managerApprovalLimits: level ${level} has two ${currency} limits`);
          seen.add(`${level}|${currency}`);
          return { level, currency, amountMinor: parseAmount(amount, currency) };
        });
      }
      tx.persist(settings);
      return settings;
    });
  }

  @Mutation(() => ExpenseClaim, { description: 'Drafts a claim for the caller.' })
  @Authorized(...PEOPLE)
  async createExpenseClaim(@Arg('input', () => ClaimInput) input: ClaimInput, @Ctx() ctx: ExpensesContext) {
    const me = actorOf(ctx.auth);
    const items = await checkItems(ctx, input.items);
    return ctx.em.transactional((tx) => {
      const claim = new ExpenseClaim(me, input.title);
      tx.persist(claim);
      writeItems(tx, claim, items);
      record(tx, claim, ClaimAction.CREATED, me);
      return Promise.resolve(claim);
    });
  }

  @Mutation(() => ExpenseClaim, { description: 'The claimant edits a DRAFT: the title and the items (replaced).' })
  @Authorized(...PEOPLE)
  async updateExpenseClaim(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ClaimInput) input: ClaimInput,
    @Ctx() ctx: ExpensesContext,
  ) {
    const me = actorOf(ctx.auth);
    await ownDraft(ctx, claimId, me);
    const items = await checkItems(ctx, input.items);
    return ctx.em.transactional(async (tx) => {
      const claim = await loadClaim(tx, claimId);
      if (claim.status !== ClaimStatus.DRAFT) throw errors.CONFLICT(`Claim "${claimId}" is ${claim.status}, not DRAFT`, { currentStatus: claim.status });
      await claimVersion(tx, claim, version);
      claim.title = input.title;
      await tx.nativeDelete(LineItem, { claim: claim.id });
      writeItems(tx, claim, items);
      record(tx, claim, ClaimAction.EDITED, me);
      return claim;
    });
  }

  @Mutation(() => ExpenseClaim, {
    description:
      'The claimant submits a DRAFT: it asks the approvals service for approval (the steps are fixed now: manager chain, then finance), and the claim follows the request’s outcome.',
  })
  @Authorized(...PEOPLE)
  async submitClaim(@Arg('claimId', () => ID) claimId: string, @Arg('version', () => Int) version: number, @Ctx() ctx: ExpensesContext) {
    const me = actorOf(ctx.auth);
    const draft = await ownDraft(ctx, claimId, me);
    const items = await ctx.em.find(LineItem, { claim: claimId });
    if (!items.length) throw errors.BAD_USER_INPUT(`Claim "${claimId}" has no items`);
    if (draft.version !== version) throw errors.CONFLICT(`Claim "${claimId}" is at version ${draft.version}, not ${version}: reload it`, { currentVersion: draft.version });
    // the amounts decide how far up the chain it goes; the version guard below makes sure they are still the claim's
    const ask = approvalAsk(draft, await settingsOf(ctx.em), totalsByCurrency(items.map((item) => item.amount)));
    const approval = await ctx.services.approvals.request(ctx.auth.corpId, ask, ctx.requestId);
    try {
      return await ctx.em.transactional(async (tx) => {
        const claim = await loadClaim(tx, claimId);
        await claimVersion(tx, claim, version);
        Object.assign(claim, { status: ClaimStatus.SUBMITTED, submittedAt: new Date(), approvalId: approval.id, approvalSynced: approval.version });
        record(tx, claim, ClaimAction.SUBMITTED, me);
        return claim;
      });
    } catch (error) {
      // the claim changed meanwhile: take the request back, so the subject may be asked again
      await ctx.services.approvals.withdraw(ctx.auth.corpId, approval.id, approval.version, 'The claim changed while it was submitted', ctx.requestId).catch((failure: unknown) =>
        ctx.logger.warn({ err: failure, approvalId: approval.id }, 'approval request of a failed submit not withdrawn'),
      );
      throw error;
    }
  }

  @Mutation(() => ExpenseClaim, { description: 'An approver of the current step approves (through the approvals service); the last approval makes the claim APPROVED.' })
  @Authorized(...PEOPLE)
  approveClaim(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: ExpensesContext,
  ) {
    return decide(ctx, claimId, version, 'APPROVE', comment ?? null);
  }

  @Mutation(() => ExpenseClaim, { description: 'An approver of the current step rejects, with a reason (through the approvals service).' })
  @Authorized(...PEOPLE)
  rejectClaim(@Arg('claimId', () => ID) claimId: string, @Arg('version', () => Int) version: number, @Arg('comment', () => String) comment: string, @Ctx() ctx: ExpensesContext) {
    return decide(ctx, claimId, version, 'REJECT', comment);
  }

  @Mutation(() => ExpenseClaim, { description: 'An approver of the current step sends the claim back to the claimant (DRAFT, history kept), with a reason (through the approvals service).' })
  @Authorized(...PEOPLE)
  sendBackClaim(@Arg('claimId', () => ID) claimId: string, @Arg('version', () => Int) version: number, @Arg('comment', () => String) comment: string, @Ctx() ctx: ExpensesContext) {
    return decide(ctx, claimId, version, 'SEND_BACK', comment);
  }

  @Mutation(() => ExpenseClaim, { description: 'The claimant withdraws a DRAFT or SUBMITTED claim (a submitted one’s approval request is withdrawn too).' })
  @Authorized(...PEOPLE)
  async withdrawClaim(@Arg('claimId', () => ID) claimId: string, @Arg('version', () => Int) version: number, @Ctx() ctx: ExpensesContext) {
    const me = actorOf(ctx.auth);
    const { corpId } = ctx.auth;
    const seen = await visibleClaim(ctx, claimId);
    if (seen.claimantUnionId !== me) throw errors.FORBIDDEN('Only the claimant may withdraw a claim');
    if (seen.version !== version) throw errors.CONFLICT(`Claim "${claimId}" is at version ${seen.version}, not ${version}: reload it`, { currentVersion: seen.version });
    const notWithdrawable = (status: ClaimStatus) => errors.CONFLICT(`Claim "${claimId}" is ${status}: it can no longer be withdrawn`, { currentStatus: status });
    if (seen.status !== ClaimStatus.DRAFT && seen.status !== ClaimStatus.SUBMITTED) throw notWithdrawable(seen.status);
    let withdrawnAt: number | null = null;
    if (seen.status === ClaimStatus.SUBMITTED && seen.approvalId) {
      const approval = (await ctx.services.approvals.states(corpId, [seen.approvalId], ctx.requestId)).get(seen.approvalId);
      if (approval && approval.status !== 'PENDING') {
        // decided already, and the claim has not heard yet: it follows now, and may no longer be withdrawn
        const synced = await ctx.em.transactional((tx) => syncClaim(tx, claimId, approval));
        throw notWithdrawable(synced?.status ?? seen.status);
      }
      if (approval) withdrawnAt = (await ctx.services.approvals.withdraw(corpId, approval.id, approval.version, 'Withdrawn by the claimant', ctx.requestId)).version;
      ctx.loaders.approvalById.clear(seen.approvalId);
    }
    return ctx.em.transactional(async (tx) => {
      const claim = await loadClaim(tx, claimId);
      await claimVersion(tx, claim, version);
      claim.status = ClaimStatus.WITHDRAWN;
      claim.currentStep = null;
      // the request's own WITHDRAWN entry is this one: the claim has mirrored it
      if (withdrawnAt !== null) claim.approvalSynced = withdrawnAt;
      record(tx, claim, ClaimAction.WITHDRAWN, me);
      return claim;
    });
  }

  @Mutation(() => ExpenseClaim, { description: 'Finance (the finance role, or employees tagged "finance") records the payment of an APPROVED claim; the claimant is told.' })
  @Authorized(...PEOPLE)
  async markClaimPaid(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('version', () => Int) version: number,
    @Arg('paymentReference', () => String) paymentReference: string,
    @Ctx() ctx: ExpensesContext,
  ) {
    const me = actorOf(ctx.auth);
    if (!paymentReference.trim() || paymentReference.length > 200) throw errors.BAD_USER_INPUT('paymentReference: 1–200 characters');
    const finance = ctx.auth.role === Role.FINANCE || (await ctx.services.graph.hasFinanceTag(ctx.auth.corpId, me, ctx.requestId));
    if (!finance) {
      await visibleClaim(ctx, claimId);
      throw errors.FORBIDDEN('Only finance may mark a claim paid');
    }
    const claim = await ctx.em.transactional(async (tx) => {
      const paid = await loadClaim(tx, claimId);
      if (paid.version !== version) throw errors.CONFLICT(`Claim "${claimId}" is at version ${paid.version}, not ${version}: reload it`, { currentVersion: paid.version });
      if (paid.status !== ClaimStatus.APPROVED) throw errors.CONFLICT(`Claim "${claimId}" is ${paid.status}, not APPROVED`, { currentStatus: paid.status });
      await claimVersion(tx, paid, version);
      paid.status = ClaimStatus.PAID;
      paid.paymentReference = paymentReference.trim();
      record(tx, paid, ClaimAction.PAID, me, paymentReference.trim());
      ctx.services.notifier.paid(ctx, tx, paid);
      return paid;
    });
    await ctx.services.notifier.sendQueued();
    return claim;
  }
}

/** The caller's own DRAFT, read before the mutation's transaction (which guards its version). */
async function ownDraft(ctx: ExpensesContext, claimId: string, me: string): Promise<ExpenseClaim> {
  const claim = await visibleClaim(ctx, claimId);
  if (claim.claimantUnionId !== me) throw errors.FORBIDDEN('Only the claimant may change or submit a claim');
  if (claim.status !== ClaimStatus.DRAFT) throw errors.CONFLICT(`Claim "${claimId}" is ${claim.status}, not DRAFT`, { currentStatus: claim.status });
  return claim;
}
