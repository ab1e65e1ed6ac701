import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { employeeStub, errors, mediaReference, MediaReference, Money, PageArgs, paginate, parseAmount, Role, singleTotal, totalsByCurrency } from '@corphub/module-kit';
import { ApprovalStep, ClaimAction, ClaimEvent, ClaimStatus, ExpenseClaim, ExpenseSettings, LineItem, StepApprover, StepStatus } from './claim.entity';
import { ClaimFilterArgs, ClaimInput, ExpenseSettingsInput } from './claim.inputs';
import { ExpenseClaimConnection, type ClaimsQuery } from './claim.connection';
import { actorOf, canSeeClaim, checkItems, claimVersion, decide, type Decision, isCorpReader, loadClaim, planSteps, record, settingsOf, writeItems, writeSteps } from './claim.service';
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

@Resolver(() => ApprovalStep)
export class ApprovalStepResolver {
  @FieldResolver(() => [StepApprover])
  approvers(@Root() step: ApprovalStep, @Ctx() { loaders }: ExpensesContext) {
    return loaders.approversByStepId.load(step.id);
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

  @FieldResolver(() => [ApprovalStep], { description: 'The approval steps fixed on submit, in order.' })
  steps(@Root() claim: ExpenseClaim, @Ctx() { loaders }: ExpensesContext) {
    return loaders.stepsByClaimId.load(claim.id);
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

  @Query(() => ExpenseClaimConnection, { description: 'Claims awaiting the caller’s decision (their step is the current one), oldest submitted first.' })
  @Authorized(...PEOPLE)
  async pendingApprovals(@Args() page: PageArgs, @Ctx() { auth, em }: ExpensesContext) {
    const me = actorOf(auth);
    const rows = await em.find(StepApprover, { approverUnionId: me, decision: null, step: { status: StepStatus.PENDING } });
    const where = { id: { $in: rows.map((row) => row.claimId) }, status: ClaimStatus.SUBMITTED };
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
    const items = await checkItems(ctx, input.items);
    return ctx.em.transactional(async (tx) => {
      const claim = await ownDraft(ctx, tx, claimId, me);
      await claimVersion(tx, claim, version);
      claim.title = input.title;
      await tx.nativeDelete(LineItem, { claim: claim.id });
      writeItems(tx, claim, items);
      record(tx, claim, ClaimAction.EDITED, me);
      return claim;
    });
  }

  @Mutation(() => ExpenseClaim, { description: 'The claimant submits a DRAFT: the approval steps are fixed now (manager chain, then finance).' })
  @Authorized(...PEOPLE)
  async submitClaim(@Arg('claimId', () => ID) claimId: string, @Arg('version', () => Int) version: number, @Ctx() ctx: ExpensesContext) {
    const me = actorOf(ctx.auth);
    // the amounts decide how far up the chain it goes; the version guard below makes sure they are still the claim's
    const items = await ctx.em.find(LineItem, { claim: claimId });
    const plan = await planSteps(ctx, me, totalsByCurrency(items.map((item) => item.amount)));
    return ctx.em.transactional(async (tx) => {
      const claim = await ownDraft(ctx, tx, claimId, me);
      if (!(await tx.count(LineItem, { claim: claim.id }))) throw errors.BAD_USER_INPUT(`Claim "${claimId}" has no items`);
      await claimVersion(tx, claim, version);
      writeSteps(tx, claim, plan);
      claim.status = ClaimStatus.SUBMITTED;
      claim.submittedAt = new Date();
      record(tx, claim, ClaimAction.SUBMITTED, me);
      await ctx.services.notifier.awaitingApproval(ctx, tx, claim);
      return claim;
    }).then(async (claim) => {
      await ctx.services.notifier.sendQueued();
      return claim;
    });
  }

  @Mutation(() => ExpenseClaim, { description: 'An approver of the current step approves; the last approval makes the claim APPROVED.' })
  @Authorized(...PEOPLE)
  approveClaim(
    @Arg('claimId', () => ID) claimId: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: ExpensesContext,
  ) {
    return decideAndNotify(ctx, claimId, version, 'APPROVE', comment ?? null);
  }

  @Mutation(() => ExpenseClaim, { description: 'An approver of the current step rejects, with a reason.' })
  @Authorized(...PEOPLE)
  rejectClaim(@Arg('claimId', () => ID) claimId: string, @Arg('version', () => Int) version: number, @Arg('comment', () => String) comment: string, @Ctx() ctx: ExpensesContext) {
    return decideAndNotify(ctx, claimId, version, 'REJECT', comment);
  }

  @Mutation(() => ExpenseClaim, { description: 'An approver of the current step sends the claim back to the claimant (DRAFT, history kept), with a reason.' })
  @Authorized(...PEOPLE)
  sendBackClaim(@Arg('claimId', () => ID) claimId: string, @Arg('version', () => Int) version: number, @Arg('comment', () => String) comment: string, @Ctx() ctx: ExpensesContext) {
    return decideAndNotify(ctx, claimId, version, 'SEND_BACK', comment);
  }

  @Mutation(() => ExpenseClaim, { description: 'The claimant withdraws a DRAFT or SUBMITTED claim.' })
  @Authorized(...PEOPLE)
  async withdrawClaim(@Arg('claimId', () => ID) claimId: string, @Arg('version', () => Int) version: number, @Ctx() ctx: ExpensesContext) {
    const me = actorOf(ctx.auth);
    return ctx.em.transactional(async (tx) => {
      const claim = await loadClaim(tx, claimId);
      if (!(await canSeeClaim(ctx, claim, tx))) throw errors.NOT_FOUND(`Claim "${claimId}" not found`);
      if (claim.claimantUnionId !== me) throw errors.FORBIDDEN('Only the claimant may withdraw a claim');
      if (claim.version !== version) throw errors.CONFLICT(`Claim "${claimId}" is at version ${claim.version}, not ${version}: reload it`, { currentVersion: claim.version });
      if (claim.status !== ClaimStatus.DRAFT && claim.status !== ClaimStatus.SUBMITTED) throw errors.CONFLICT(`Claim "${claimId}" is ${claim.status}: it can no longer be withdrawn`, { currentStatus: claim.status });
      await claimVersion(tx, claim, version);
      claim.status = ClaimStatus.WITHDRAWN;
      claim.currentStep = null;
      record(tx, claim, ClaimAction.WITHDRAWN, me);
      return claim;
    });
  }

  @Mutation(() => ExpenseClaim, { description: 'Finance (the finance role, or employees tagged "finance") records the payment of an APPROVED claim.' })
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
    return ctx.em.transactional(async (tx) => {
      const claim = await loadClaim(tx, claimId);
      if (!finance && !(await canSeeClaim(ctx, claim, tx))) throw errors.NOT_FOUND(`Claim "${claimId}" not found`);
      if (!finance) throw errors.FORBIDDEN('Only finance may mark a claim paid');
      if (claim.version !== version) throw errors.CONFLICT(`Claim "${claimId}" is at version ${claim.version}, not ${version}: reload it`, { currentVersion: claim.version });
      if (claim.status !== ClaimStatus.APPROVED) throw errors.CONFLICT(`Claim "${claimId}" is ${claim.status}, not APPROVED`, { currentStatus: claim.status });
      await claimVersion(tx, claim, version);
      claim.status = ClaimStatus.PAID;
      claim.paymentReference = paymentReference.trim();
      record(tx, claim, ClaimAction.PAID, me, paymentReference.trim());
      return claim;
    });
  }
}

/** A decision, with its messages to the claimant and (when the claim moved on) the next approvers queued in its transaction, sent after the commit. */
async function decideAndNotify(ctx: ExpensesContext, claimId: string, version: number, decision: Decision, comment: string | null): Promise<ExpenseClaim> {
  const claim = await decide(ctx, claimId, version, decision, comment, (tx, decided) => ctx.services.notifier.decided(ctx, tx, decided, decision, comment));
  await ctx.services.notifier.sendQueued();
  return claim;
}

async function ownDraft(ctx: ExpensesContext, tx: ExpensesContext['em'], claimId: string, me: string): Promise<ExpenseClaim> {
  const claim = await loadClaim(tx, claimId);
  if (!(await canSeeClaim(ctx, claim, tx))) throw errors.NOT_FOUND(`Claim "${claimId}" not found`);
  if (claim.claimantUnionId !== me) throw errors.FORBIDDEN('Only the claimant may change or submit a claim');
  if (claim.status !== ClaimStatus.DRAFT) throw errors.CONFLICT(`Claim "${claimId}" is ${claim.status}, not DRAFT`, { currentStatus: claim.status });
  return claim;
}

