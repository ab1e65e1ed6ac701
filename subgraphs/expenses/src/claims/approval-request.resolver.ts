import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
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
@ObjectType('ApprovalRequest')
@Directive('@key(fields: "id")')
export class ApprovalRequestStub {
  @Field(() => ID)
  id!: string;

  // the gateway always brings them (@requires); a reference without them (`approval`) never reads them here
  @Field(() => ID, { nullable: false })
  @Directive('@external')
  appId?: string;

  @Field(() => String, { nullable: false })
  @Directive('@external')
  subjectType?: string;

  @Field(() => ID, { nullable: false })
  @Directive('@external')
  subjectId?: string;
}

@Resolver(() => ApprovalRequestStub)
export class ApprovalRequestClaimResolver {
  @FieldResolver(() => ExpenseClaim, { nullable: true, description: 'The expense claim this request is about (null for another module’s subject, or a claim the caller may not see).' })
  @Directive('@requires(fields: "appId subjectType subjectId")')
  async expenseClaim(@Root() request: ApprovalRequestStub, @Ctx() ctx: ExpensesContext): Promise<ExpenseClaim | null> {
    if (request.appId !== EXPENSES_APP || request.subjectType !== CLAIM_SUBJECT || !request.subjectId) return null;
    const claim = await ctx.loaders.claimById.load(request.subjectId);
    return claim && (await canSeeClaim(ctx, claim)) ? claim : null;
  }
}
