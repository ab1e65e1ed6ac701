import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, errors, PageArgs, paginate, Role, type AuthContext, type Page } from '@corphub/module-kit';
import { KeyResult, Objective } from './entities';
import { EmployeeStub } from './employee.stub';
import { AddKeyResultInput, CreateObjectiveInput, QUARTER, UpdateProgressInput } from './okr.inputs';
import type { OkrContext } from './loaders';

@ObjectType()
export class ObjectiveConnection extends Connection(Objective) {}

/** Admins and the module's own app write anyone's OKRs; an employee writes their own; analysts only read. */
function requireWriter(auth: AuthContext, ownerUnionId: string): void {
  if (auth.role === Role.ADMIN || auth.role === Role.VENDOR || auth.role === Role.SERVICE) return;
  if (auth.role === Role.EMPLOYEE && auth.unionId === ownerUnionId) return;
  throw errors.FORBIDDEN('Only the owner, a corp admin or the OKR app may change these OKRs');
}

function requireQuarter(quarter: string): void {
  if (!QUARTER.test(quarter)) throw errors.BAD_USER_INPUT('quarter must look like 2026-Q4');
}

@Resolver(() => EmployeeStub)
export class EmployeeObjectivesResolver {
  @FieldResolver(() => [Objective], { description: "The employee's objectives for a quarter (OKR module), oldest first." })
  async objectives(@Root() employee: EmployeeStub, @Arg('quarter', () => String) quarter: string, @Ctx() { loaders }: OkrContext): Promise<Objective[]> {
    requireQuarter(quarter);
    return loaders.objectivesByQuarterAndOwner.load(`${quarter}|${employee.unionId}`);
  }
}

@Resolver(() => Objective)
export class ObjectiveResolver {
  @Query(() => ObjectiveConnection, { description: "The corp's objectives for a quarter (OKR module)." })
  async okrObjectives(
    @Arg('quarter', () => String) quarter: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: OkrContext,
  ): Promise<Page<Objective>> {
    requireQuarter(quarter);
    return paginate(em, Objective, { quarter }, page, [['createdAt', 'asc'], ['id', 'asc']]);
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
    const owner = input.ownerUnionId ?? auth.unionId;
    if (!owner) throw errors.BAD_USER_INPUT('ownerUnionId is required for a caller without a UnionID');
    requireWriter(auth, owner);
    const objective = new Objective(owner, input.title, input.quarter);
    await em.persistAndFlush(objective);
    return objective;
  }

  @Mutation(() => KeyResult)
  async addKeyResult(@Arg('input', () => AddKeyResultInput) input: AddKeyResultInput, @Ctx() { em, auth }: OkrContext): Promise<KeyResult> {
    return em.transactional(async (tx) => {
      const objective = await tx.findOne(Objective, { id: input.objectiveId });
      if (!objective) throw errors.NOT_FOUND(`Objective "${input.objectiveId}" not found`);
      requireWriter(auth, objective.ownerUnionId);
      const keyResult = new KeyResult(tx.getReference(Objective, objective.id, { wrapped: true }), input.title);
      tx.persist(keyResult);
      return keyResult;
    });
  }

  @Mutation(() => KeyResult)
  async updateKeyResultProgress(@Arg('input', () => UpdateProgressInput) input: UpdateProgressInput, @Ctx() { em, auth }: OkrContext): Promise<KeyResult> {
    return em.transactional(async (tx) => {
      const keyResult = await tx.findOne(KeyResult, { id: input.keyResultId }, { populate: ['objective'] });
      if (!keyResult) throw errors.NOT_FOUND(`Key result "${input.keyResultId}" not found`);
      requireWriter(auth, keyResult.objective.getEntity().ownerUnionId);
      keyResult.progress = input.progress;
      keyResult.updatedAt = new Date();
      return keyResult;
    });
  }

  @Query(() => Objective, { description: 'One objective of the caller\'s corp (OKR module).' })
  async okrObjective(@Arg('id', () => ID) id: string, @Ctx() { loaders }: OkrContext): Promise<Objective> {
    const objective = await loaders.objectiveById.load(id);
    if (!objective) throw errors.NOT_FOUND(`Objective "${id}" not found`);
    return objective;
  }
}
