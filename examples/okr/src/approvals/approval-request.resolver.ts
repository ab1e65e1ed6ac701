import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { APPROVAL_SUBJECT_FIELDS, approvalRequestStub, isUuid } from '@corphub/module-kit';
import type { OkrContext } from '../context';
import { Objective } from '../objectives/objective.entity';
import { OBJECTIVE_SUBJECT } from '../objectives/objective.publish';
import { APP_ID } from '../services';

/**
 * The hub approvals service's `ApprovalRequest`, extended with the objective a publish request is about, so the
 * manager's one inbox (`me { pendingApprovals { okrObjective { title } } }`) shows it. The gateway hands over
 * the request's app and subject (`@requires`).
 */
export const ApprovalRequestStub = approvalRequestStub();
export type ApprovalRequestStub = InstanceType<typeof ApprovalRequestStub>;

@Resolver(() => ApprovalRequestStub)
export class ApprovalRequestObjectiveResolver {
  @FieldResolver(() => Objective, { nullable: true, description: 'The objective this request asks to publish (OKR module; null for another module’s subject).' })
  @Directive(APPROVAL_SUBJECT_FIELDS)
  async okrObjective(@Root() request: ApprovalRequestStub, @Ctx() { loaders }: OkrContext): Promise<Objective | null> {
    if (request.appId !== APP_ID || request.subjectType !== OBJECTIVE_SUBJECT || !request.subjectId || !isUuid(request.subjectId)) return null;
    return loaders.objectiveById.load(request.subjectId);
  }
}
