import { MEMBERS_PAGE_SIZE, ModuleGraph, type CreateServerOptions } from '@corphub/module-kit';

/** What the directory says about a person, for choosing their rule. */
export interface EmployeeTargets {
  unionId: string;
  displayName?: string;
  /** Their departments, each with its ancestors nearest first: [[own, parent, …], …]. */
  departmentChains: string[][];
  tags: string[];
  /** First working day (the directory's joinedAt): no absence before it. */
  joinedAt?: string;
  /** Last working day once they left (leftAt): no absence after it. */
  leftAt?: string | null;
  /** Their management chain (UnionIDs, nearest first), when asked for. */
  managers?: string[];
}

interface EmployeeNode {
  unionId: string;
  displayName: string;
  departments: { id: string; ancestors: { id: string }[] }[];
  tags: { name: string }[];
  joinedAt: string;
  leftAt: string | null;
  managers?: { unionId: string }[];
}

const EMPLOYEE_FIELDS = 'unionId displayName joinedAt leftAt departments { id ancestors { id } } tags { name }';

const toTargets = (node: EmployeeNode): EmployeeTargets => ({
  unionId: node.unionId,
  displayName: node.displayName,
  departmentChains: node.departments.map((department) => [department.id, ...department.ancestors.map((ancestor) => ancestor.id)]),
  tags: node.tags.map((tag) => tag.name),
  joinedAt: node.joinedAt,
  leftAt: node.leftAt,
  ...(node.managers ? { managers: node.managers.map((manager) => manager.unionId) } : {}),
});

/**
 * The data attendance reads but does not own (directory: departments, tags, managers; media: kinds), read
 * through the gateway as this corp's `service:attendance`, never from the other subgraphs' tables.
 */
export class AttendanceGraph extends ModuleGraph {
  /** The media's kind, or null when no media has this id in the corp. */
  async mediaKind(corpId: string, id: string, requestId?: string): Promise<string | null> {
    const [media] = await this.media(corpId, [id], requestId);
    return media?.kind ?? null;
  }

  /** Departments and tags of each person (null for who is not an employee), in one request. */
  async employeeTargets(corpId: string, unionIds: readonly string[], requestId?: string): Promise<(EmployeeTargets | null)[]> {
    const nodes = await this.employees<EmployeeNode>(corpId, unionIds, EMPLOYEE_FIELDS, requestId);
    return nodes.map((node) => (node ? toTargets(node) : null));
  }

  /**
   * Every member of a department and the departments below it, with what chooses their rule; with their
   * managers when asked. Active members, and with `leftSince` also who left on or after that day. The members
   * come as flat records and the tree once beside them (a member's chains are worked out here), the managers
   * after them in one call per MEMBERS_PAGE_SIZE people.
   */
  async departmentTargets(corpId: string, departmentId: string, requestId?: string, withManagers = false, leftSince?: string): Promise<{ name: string; members: EmployeeTargets[] }> {
    const [{ name, members }, chains] = await Promise.all([this.departmentMembers(corpId, departmentId, { requestId, leftSince }), this.departmentChains(corpId, requestId)]);
    const managers = withManagers ? await this.managerChains(corpId, members.map((member) => member.unionId), requestId) : undefined;
    return {
      name,
      members: members.map((member, i) => ({
        unionId: member.unionId,
        displayName: member.displayName,
        // a department made after the tree was read is its own chain
        departmentChains: member.departmentIds.map((id) => chains.get(id) ?? [id]),
        tags: member.tagNames,
        joinedAt: member.joinedAt,
        leftAt: member.leftAt,
        ...(managers ? { managers: managers[i] } : {}),
      })),
    };
  }

  /** Every active employee of the corp, with what chooses their rule: the directory's `employees`, every page. */
  async corpTargets(corpId: string, requestId?: string): Promise<EmployeeTargets[]> {
    const people: EmployeeTargets[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { employees: { nodes: EmployeeNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await this.client.request(
        corpId,
        /* GraphQL */ `query AttendanceCorpEmployees($after: String) { employees(first: ${MEMBERS_PAGE_SIZE}, after: $after) { nodes { ${EMPLOYEE_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        { after },
        requestId,
      );
      people.push(...data.employees.nodes.map(toTargets));
      if (!data.employees.pageInfo.hasNextPage) return people;
      after = data.employees.pageInfo.endCursor;
    }
  }
}

export function createGraph(options: Pick<CreateServerOptions, 'gatewayUrl'>, internalSecret: string): AttendanceGraph {
  return new AttendanceGraph(ModuleGraph.clientFor('attendance', options, internalSecret));
}
