import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, CORP_READERS, employeeStub, errors, isAppToken, Money, paginate, Role, type Page, type SortKeys } from '@corphub/module-kit';
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { ApprovalApprover, ApprovalEvent, ApprovalRequest, ApprovalStatus, ApprovalStep } from './approval.entity';
import { ApprovalFilterArgs, DecideApprovalInput, RequestApprovalInput } from './approval.inputs';
import { askingApp, canSee, decide, planSteps, withdraw, writeRequest } from './approval.service';
import type { ApprovalsContext } from '../context';

export const EmployeeStub = employeeStub();
export type EmployeeStub = InstanceType<typeof EmployeeStub>;

@ObjectType()
export class ApprovalRequestConnection extends Connection(ApprovalRequest) {}

/** Newest asked first; keyset on (createdAt, id). */
export const NEWEST_FIRST: SortKeys<ApprovalRequest> = [
  ['createdAt', 'desc'],
  ['id', 'desc'],
];

@Resolver(() => ApprovalStep)
export class ApprovalStepResolver {
  @FieldResolver(() => [ApprovalApprover], { description: 'Its approvers, decided first; a transfer adds the new approver.' })
  approvers(@Root() step: ApprovalStep, @Ctx() { loaders }: ApprovalsContext) {
    return loaders.approversByStepId.load(step.id);
  }
}

@Resolver(() => ApprovalApprover)
export class ApprovalApproverResolver {
  @FieldResolver(() => EmployeeStub)
  approver(@Root() row: ApprovalApprover): EmployeeStub {
    return { unionId: row.approverUnionId };
  }

  @FieldResolver(() => Boolean, { description: 'The decision is theirs to make now.' })
  waiting(@Root() row: ApprovalApprover): boolean {
    return row.active;
  }
}

@Resolver(() => ApprovalRequest)
export class ApprovalResolver {
  @FieldResolver(() => EmployeeStub)
  requester(@Root() request: ApprovalRequest): EmployeeStub {
    return { unionId: request.requesterUnionId };
  }

  @FieldResolver(() => Money, { nullable: true, description: 'The amount at stake, when the module gave one (a snapshot).' })
  amount(@Root() request: ApprovalRequest): Money | null {
    return request.amount;
  }

  @FieldResolver(() => [ApprovalStep], { description: 'The steps fixed when it was asked, in order.' })
  steps(@Root() request: ApprovalRequest, @Ctx() { loaders }: ApprovalsContext) {
    return loaders.stepsByRequestId.load(request.id);
  }

  @FieldResolver(() => [ApprovalEvent], { description: 'Everything that happened to it, oldest first.' })
  history(@Root() request: ApprovalRequest, @Ctx() { loaders }: ApprovalsContext) {
    return loaders.historyByRequestId.load(request.id);
  }

  @Query(() => ApprovalRequest, { description: 'A request the caller may see: the requester, its approvers, the app that asked, or corp-wide readers.' })
  async approvalRequest(@Arg('id', () => ID) id: string, @Ctx() { auth, loaders }: ApprovalsContext) {
    const request = await loaders.approvalById.load(id);
    if (!request || !(await canSee(auth, request, () => loaders.callerApproves.load(id)))) throw errors.NOT_FOUND(`Approval "${id}" not found`);
    return request;
  }

  @Query(() => ApprovalRequestConnection, {
    description: 'Requests, newest first: corp-wide readers see the corp’s, an app its own, a person the ones they asked. The inbox of waiting decisions is `me { pendingApprovals }`.',
  })
  async approvalRequests(@Args(() => ApprovalFilterArgs) { ids, appId, status, subjectType, subjectId, awaitingDecisionBy, ...page }: ApprovalFilterArgs, @Ctx() { auth, em }: ApprovalsContext): Promise<Page<ApprovalRequest>> {
    const app = isAppToken(auth) || (auth.role === Role.SERVICE && auth.appId) ? auth.appId : undefined;
    if (app && appId && appId !== app) throw errors.FORBIDDEN(`An app sees only its own requests ("${app}")`);
    const where: FilterQuery<ApprovalRequest> = {
      ...(ids ? { id: { $in: ids } } : {}),
      ...(app ? { appId: app } : appId ? { appId } : {}),
      ...(status ? { status } : {}),
      ...(subjectType ? { subjectType } : {}),
      ...(subjectId ? { subjectId } : {}),
      ...(awaitingDecisionBy ? { status: ApprovalStatus.PENDING, approverRows: { $some: { approverUnionId: awaitingDecisionBy, active: true } } } : {}),
    };
    if (awaitingDecisionBy && status && status !== ApprovalStatus.PENDING) throw errors.BAD_USER_INPUT('awaitingDecisionBy lists PENDING requests only');
    if (!app && !(CORP_READERS as readonly string[]).includes(auth.role)) {
      if (!auth.unionId) throw errors.FORBIDDEN('Only people, apps and corp-wide readers list approval requests');
      where.requesterUnionId = auth.unionId;
    }
    return paginate(em, ApprovalRequest, where, page, NEWEST_FIRST);
  }

  @Mutation(() => ApprovalRequest, {
    description:
      'For apps (a vendor app’s client-credentials token, a hub module’s service token): asks for approval of one of the app’s entities. The steps are resolved from the org chart now; the first step’s approvers are messaged. The outcome reaches the app as an `approval.decided` webhook. CONFLICT while the same subject already has a PENDING request (extensions.approvalId).',
  })
  async requestApproval(@Arg('input', () => RequestApprovalInput) input: RequestApprovalInput, @Ctx() ctx: ApprovalsContext) {
    const app = askingApp(ctx.auth);
    const plan = await planSteps(ctx, input);
    const subject = { appId: app, subjectType: input.subjectType, subjectId: input.subjectId, status: ApprovalStatus.PENDING };
    const pendingConflict = (open: ApprovalRequest) => errors.CONFLICT(`${input.subjectType} "${input.subjectId}" already awaits approval "${open.id}"`, { approvalId: open.id });
    let request: ApprovalRequest;
    try {
      request = await ctx.em.transactional(async (tx) => {
        const open = await tx.findOne(ApprovalRequest, subject);
        if (open) throw pendingConflict(open);
        const created = writeRequest(tx, app, input, plan, ctx.auth.subject);
        ctx.services.notifier.awaiting(ctx, tx, created, plan[0].approvers);
        return created;
      });
    } catch (error) {
      // a concurrent request for the subject committed first: the partial unique index rolled back all of ours
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const winner = await ctx.em.fork().findOne(ApprovalRequest, subject);
      throw winner ? pendingConflict(winner) : errors.CONFLICT(`${input.subjectType} "${input.subjectId}" was asked for concurrently: retry`);
    }
    await ctx.services.notifier.sendQueued();
    return request;
  }

  @Mutation(() => ApprovalRequest, {
    description:
      'An approver of the current step decides: APPROVE (the step settles by its quorum, then the next step or APPROVED), REJECT or SEND_BACK (a reason is required; both end the request), TRANSFER (to `transferTo`, who decides instead). Exactly one of racing decisions wins; the others are CONFLICT.',
  })
  async decideApproval(@Arg('input', () => DecideApprovalInput) input: DecideApprovalInput, @Ctx() ctx: ApprovalsContext) {
    const { request } = await decide(ctx, input);
    await ctx.services.notifier.sendQueued();
    return request;
  }

  @Mutation(() => ApprovalRequest, { description: 'The requester, or the app that asked, withdraws a PENDING request.' })
  async withdrawApproval(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: ApprovalsContext,
  ) {
    const request = await withdraw(ctx, id, version, reason ?? null);
    await ctx.services.notifier.sendQueued();
    return request;
  }
}
