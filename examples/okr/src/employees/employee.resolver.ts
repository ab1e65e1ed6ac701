import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OkrContext } from '../context';
import { Objective } from '../objectives/objective.entity';
import { requireQuarter } from '../objectives/objective.service';
import { EmployeeStub } from './employee.stub';

@Resolver(() => EmployeeStub)
export class EmployeeObjectivesResolver {
  @FieldResolver(() => [Objective], { description: 'Every objective the employee owns for a quarter (OKR module), oldest first.' })
  async objectives(@Root() employee: EmployeeStub, @Arg('quarter', () => String) quarter: string, @Ctx() { loaders }: OkrContext): Promise<Objective[]> {
    requireQuarter(quarter);
    return loaders.objectivesByQuarterAndOwner.load(`${quarter}|${employee.unionId}`);
  }
}
