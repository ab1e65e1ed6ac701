import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, errors, PageArgs, paginate, type Page } from '@corphub/module-kit';
import type { OkrContext } from '../context';
import { EmployeeStub } from '../employees/employee.stub';
import { KeyResult } from '../key-results/key-result.entity';
import { Objective } from './objective.entity';
import { CreateObjectiveInput, PublishObjectiveArgs } from './objective.inputs';
import { publishObjective } from './objective.publish';
import { createObjective, requireQuarter } from './objective.service';

@ObjectType()
export class ObjectiveConnection extends Connection(Objective) {}

@Resolver(() => Objective)
export class ObjectiveResolver {
  @Query(() => ObjectiveConnection, { description: 'Every objective of the corp for a quarter (OKR module).' })
  async okrObjectives(
    @Arg('quarter', () => String) quarter: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: OkrContext,
  ): Promise<Page<Objective>> {
    requireQuarter(quarter);
    return paginate(em, Objective, { quarter }, page, [['createdAt', 'asc'], ['id', 'asc']]);
  }

  @Query(() => Objective, { description: "One objective of the caller's corp (OKR module)." })
  async okrObjective(@Arg('id', () => ID) id: string, @Ctx() { loaders }: OkrContext): Promise<Objective> {
    const objective = await loaders.objectiveById.load(id);
    if (!objective) throw errors.NOT_FOUND(`Objective "${id}" not found`);
    return objective;
  }

  @FieldResolver(() => EmployeeStub, { description: 'The owner, resolved by the directory.' })
  owner(@Root() objective: Objective): EmployeeStub {
    return { unionId: objective.ownerUnionId };
  }

  @FieldResolver(() => [KeyResult])
  async keyResults(@Root() objective: Objective, @Ctx() { loaders }: OkrContext): Promise<KeyResult[]> {
    return loaders.keyResultsByObjectiveId.load(objective.id);
  }

  @Mutation(() => Objective, { description: 'Creates an objective for the caller (or, for admins and the OKR app, for anyone).' })
  async createObjective(@Arg('input', () => CreateObjectiveInput) input: CreateObjectiveInput, @Ctx() { em, auth }: OkrContext): Promise<Objective> {
    return createObjective(em, auth, input);
  }

  @Mutation(() => Objective, {
    description:
      "The owner asks to publish their objective to the whole corp; their manager approves it in the hub's inbox (`me { pendingApprovals }`). PRIVATE → PUBLISH_PENDING (with `approvalId`), then PUBLISHED, or PRIVATE again with the approver's `decisionComment`. A stale version or an objective not PRIVATE is CONFLICT; after a failure, the same call again resumes the request.",
  })
  async publishObjective(@Args(() => PublishObjectiveArgs) { id, version }: PublishObjectiveArgs, @Ctx() ctx: OkrContext): Promise<Objective> {
    return publishObjective(ctx, id, version);
  }
}
