import { Args, Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { PageArgs, paginate, type Page } from '@corphub/module-kit';
import { ApprovalRequest, ApprovalStatus } from '../approvals/approval.entity';
import { ApprovalRequestConnection } from '../approvals/approval.resolver';
import type { ApprovalsContext } from '../context';

/** Identity's `Viewer` (the caller, `me`), which approvals extends with the one inbox. */
@ObjectType('Viewer')
@Directive('@key(fields: "subject")')
export class ViewerStub {
  @Field(() => String)
  subject!: string;
}

@Resolver(() => ViewerStub)
export class ViewerApprovalsResolver {
  @FieldResolver(() => ApprovalRequestConnection, {
    description:
      'The one approvals inbox: every module’s requests waiting for the caller’s decision, oldest first. Modules add their subject to `ApprovalRequest` through federation; `title` and `summary` are the snapshot taken when it was asked.',
  })
  pendingApprovals(@Root() _viewer: ViewerStub, @Args(() => PageArgs) page: PageArgs, @Ctx() { auth, em }: ApprovalsContext): Promise<Page<ApprovalRequest>> {
    // always the caller of this request's own verified context, whatever subject the reference names
    const me = auth.unionId ?? '';
    return paginate(em, ApprovalRequest, { status: ApprovalStatus.PENDING, approverRows: { $some: { approverUnionId: me, active: true } } }, page, [
      ['createdAt', 'asc'],
      ['id', 'asc'],
    ]);
  }
}
