import { errors, MEMBERS_PAGE_SIZE, ModuleGraph } from '@corphub/module-kit';

interface EmployeeFacts {
  unionId: string;
  status: string;
  managers: { unionId: string }[];
}

/**
 * The org chart as approvals reads it: through the gateway with its own service token (`service:approvals`),
 * from the directory, never its tables. Read once, when a request is asked: the steps are fixed then.
 */
export class ApprovalsGraph extends ModuleGraph {
  /** The requester's managers, nearest first; BAD_USER_INPUT when they are no active employee of the corp. */
  async requester(corpId: string, unionId: string, requestId?: string): Promise<{ managers: string[] }> {
    const [employee] = await this.employees<EmployeeFacts>(corpId, [unionId], 'unionId status managers { unionId }', requestId);
    if (!employee || employee.status !== 'ACTIVE') throw errors.BAD_USER_INPUT(`requesterUnionId: "${unionId}" is no active employee of this corp`);
    return { managers: employee.managers.map((manager) => manager.unionId) };
  }

  /** The given people who are active employees; the others are named in a BAD_USER_INPUT. */
  async activeEmployees(corpId: string, unionIds: readonly string[], what: string, requestId?: string): Promise<string[]> {
    const found = await this.employees<{ unionId: string; status: string }>(corpId, unionIds, 'unionId status', requestId);
    const unknown = unionIds.filter((_, i) => found[i]?.status !== 'ACTIVE');
    if (unknown.length) throw errors.BAD_USER_INPUT(`${what}: no active employee of this corp: ${unknown.join(', ')}`, { unknownUnionIds: unknown });
    return [...unionIds];
  }

  /** Active employees matching a directory filter (`{ title }` or `{ tag }`), every page. */
  async employeesWhere(corpId: string, filter: { title?: string; tag?: string }, requestId?: string): Promise<string[]> {
    const found: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { employees: { nodes: { unionId: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await this.client.request(
        corpId,
        /* GraphQL */ `query ApprovalsEmployees($filter: EmployeeFilter, $after: String) { employees(filter: $filter, first: ${MEMBERS_PAGE_SIZE}, after: $after) { nodes { unionId } pageInfo { hasNextPage endCursor } } }`,
        { filter, after },
        requestId,
      );
      found.push(...data.employees.nodes.map((node) => node.unionId));
      if (!data.employees.pageInfo.hasNextPage) return found;
      after = data.employees.pageInfo.endCursor;
    }
  }
}
