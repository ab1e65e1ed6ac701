import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from './context';
import { LeaveRequest } from './leave/leave.entity';
import { MakeUpRequest } from './make-ups/make-up.entity';

/** The approvals subgraph's `ApprovalRequest`, extended here with the attendance request it decides (this module's own class). */
@ObjectType('ApprovalRequest')
@Directive('@key(fields: "id")')
export class ApprovalRequestStub {
  @Field(() => ID)
  id!: string;
}

/** A request the caller may read (the person, their managers, corp readers), else null: the approval's own snapshot still shows. */
async function readable<Request extends { unionId: string }>(request: Request | null, { loaders }: AttendanceContext): Promise<Request | null> {
  return request && (await loaders.mayRead.load(request.unionId)) ? request : null;
}

/** The subjects of attendance's approvals, so the one inbox (`me { pendingApprovals }`) shows what is decided. */
@Resolver(() => ApprovalRequestStub)
export class ApprovalSubjectsResolver {
  @FieldResolver(() => LeaveRequest, { nullable: true, description: 'The leave request this approval decides (attendance).' })
  async leaveRequest(@Root() approval: ApprovalRequestStub, @Ctx() context: AttendanceContext): Promise<LeaveRequest | null> {
    return readable(await context.loaders.leaveByApprovalId.load(approval.id), context);
  }

  @FieldResolver(() => MakeUpRequest, { nullable: true, description: 'The make-up check-in request this approval decides (attendance).' })
  async makeUpRequest(@Root() approval: ApprovalRequestStub, @Ctx() context: AttendanceContext): Promise<MakeUpRequest | null> {
    return readable(await context.loaders.makeUpByApprovalId.load(approval.id), context);
  }
}
