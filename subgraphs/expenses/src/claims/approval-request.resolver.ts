import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { APPROVAL_SUBJECT_FIELDS, approvalRequestStub } from '@corphub/module-kit';
import { ExpenseClaim } from './claim.entity';
import { canSeeClaim } from './claim.service';
import { CLAIM_SUBJECT } from './claim.approval';
import { EXPENSES_APP } from '../services';
import type { ExpensesContext } from '../context';

/**
 * The approvals service's `ApprovalRequest`, which expenses extends with the claim it is about: the one inbox
 * (`me { pendingApprovals }`) shows each request's subject, every module adding its own typed field. The
 * gateway hands over the request's app and subject (`@requires`), so expenses keeps no mapping of its own.
 */
export const ApprovalRequestStub = approvalRequestStub();
export type ApprovalRequestStub = InstanceType<typeof ApprovalRequestStub>;

@Resolver(() => ApprovalRequestStub)
export class ApprovalRequestClaimResolver {
  @FieldResolver(() => ExpenseClaim, { nullable: true, description: 'The expense claim this request is about (null for another module’s subject, or a claim the caller may not see).' })
  @Directive(APPROVAL_SUBJECT_FIELDS)
  async expenseClaim(@Root() request: ApprovalRequestStub, @Ctx() ctx: ExpensesContext): Promise<ExpenseClaim | null> {
    if (request.appId !== EXPENSES_APP || request.subjectType !== CLAIM_SUBJECT || !request.subjectId) return null;
    const claim = await ctx.loaders.claimById.load(request.subjectId);
    return claim && (await canSeeClaim(ctx, claim)) ? claim : null;
  }
}
