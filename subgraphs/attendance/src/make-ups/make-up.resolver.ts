import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Role } from '@corphub/module-kit';
import type { AttendanceContext } from '../context';
import { EmployeeStub } from '../employees/employee.stub';
import { requireReadable } from '../employees/employee.access';
import { checkRange } from '../summaries/summary.service';
import { MakeUpRequest } from './make-up.entity';
import { RequestMakeUpCheckInInput } from './make-up.inputs';
import { requestMakeUp } from './make-up.flow';

@Resolver(() => MakeUpRequest)
export class MakeUpResolver {
  @FieldResolver(() => EmployeeStub)
  employee(@Root() makeUp: MakeUpRequest): EmployeeStub {
    return { unionId: makeUp.unionId };
  }

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => MakeUpRequest, {
    description:
      "Asks the caller's manager (approvals service) to make up a missed on- or off-duty check-in of a work day in the last 60 days; approved, a check-in at the rule's time is written and the day judged again. The same slot asked again while pending or made up is CONFLICT (MAKE_UP_EXISTS); a slot already checked is CONFLICT (ALREADY_CHECKED_IN).",
  })
  requestMakeUpCheckIn(@Arg('input', () => RequestMakeUpCheckInInput) input: RequestMakeUpCheckInInput, @Ctx() context: AttendanceContext): Promise<MakeUpRequest> {
    return requestMakeUp(context, input);
  }
}

@Resolver(() => EmployeeStub)
export class EmployeeMakeUpResolver {
  @FieldResolver(() => [MakeUpRequest], { description: 'Make-up check-in requests for days in [from, to], earliest first: the person, their managers and corp readers.' })
  async makeUpRequests(
    @Root() employee: EmployeeStub,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Ctx() context: AttendanceContext,
  ): Promise<MakeUpRequest[]> {
    checkRange(from, to);
    await requireReadable(employee.unionId, context);
    return context.loaders.makeUpRequests(from, to).load(employee.unionId);
  }
}
