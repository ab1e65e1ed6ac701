import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { decodeCursor, encodeCursor, PageArgs, pageOf, type Page } from '@corphub/module-kit';
import type { LogsContext } from '../context';
import { WorkLogConnection } from '../work-logs/work-log.resolver';
import type { WorkLog } from '../work-logs/work-log.entity';
import { EmployeeStub } from './employee.stub';

@Resolver(() => EmployeeStub)
export class EmployeeWorkLogsResolver {
  @FieldResolver(() => WorkLogConnection, {
    description: "This employee's work logs that the caller may read, newest first (one statement for every employee of a response).",
  })
  async workLogs(@Root() employee: EmployeeStub, @Args(() => PageArgs) { first, after }: PageArgs, @Ctx() { loaders }: LogsContext): Promise<Page<WorkLog>> {
    const position = after ? decodeCursor(after, 2) : null;
    if (position && (!(position[0] instanceof Date) || Number.isNaN(position[0].getTime()) || typeof position[1] !== 'string')) decodeCursor('', 2);
    const rows = await loaders
      .recentLogsByAuthor(first, position ? { createdAt: position[0] as Date, id: position[1] as string } : null)
      .load(employee.unionId);
    return pageOf(rows, first, (node) => encodeCursor([node.createdAt, node.id]), () => loaders.visibleCountByAuthor.load(employee.unionId));
  }
}
