import { GatewayClient, errors } from '@corphub/shared';

/** What the directory says about a person, for choosing their rule. */
export interface EmployeeTargets {
  unionId: string;
  displayName?: string;
  /** Their departments, each with its ancestors nearest first: [[own, parent, …], …]. */
  departmentChains: string[][];
  tags: string[];
  /** Their management chain (UnionIDs, nearest first), when asked for. */
  managers?: string[];
}

interface EmployeeNode {
  unionId: string;
  displayName: string;
  departments: { id: string; ancestors: { id: string }[] }[];
  tags: { name: string }[];
  managers?: { unionId: string }[];
}

const EMPLOYEE_FIELDS = 'unionId displayName departments { id ancestors { id } } tags { name }';

const toTargets = (node: EmployeeNode): EmployeeTargets => ({
  unionId: node.unionId,
  displayName: node.displayName,
  departmentChains: node.departments.map((department) => [department.id, ...department.ancestors.map((ancestor) => ancestor.id)]),
  tags: node.tags.map((tag) => tag.name),
  ...(node.managers ? { managers: node.managers.map((manager) => manager.unionId) } : {}),
});

/** Aliased fields `e0: employee(unionId: $u0) { … }` for a batch of people: one gateway request for all. */
function aliasedEmployees(unionIds: readonly string[], fields: string) {
  const variables = Object.fromEntries(unionIds.map((unionId, i) => [`u${i}`, unionId]));
  const params = unionIds.map((_, i) => `$u${i}: ID!`).join(', ');
  const selections = unionIds.map((_, i) => `e${i}: employee(unionId: $u${i}) { ${fields} }`).join('\n');
  return { query: `query(${params}) {\n${selections}\n}`, variables };
}

/**
 * The data attendance reads but does not own (directory: departments, tags, managers; media: kinds), read
 * through the gateway as this corp's `service:attendance`, never from the other subgraphs' tables.
 */
export class AttendanceGraph {
  constructor(private readonly client: GatewayClient) {}

  /** The media's kind, or null when no media has this id in the corp. */
  async mediaKind(corpId: string, id: string, requestId?: string): Promise<string | null> {
    try {
      const data = await this.client.request<{ media: { kind: string } }>(corpId, 'query($id: ID!) { media(id: $id) { kind } }', { id }, requestId);
      return data.media.kind;
    } catch (error) {
      if ((error as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  /** Departments and tags of each person (null for who is not an employee), in one request. */
  async employeeTargets(corpId: string, unionIds: readonly string[], requestId?: string): Promise<(EmployeeTargets | null)[]> {
    if (!unionIds.length) return [];
    const data = await this.employees<EmployeeNode>(corpId, unionIds, EMPLOYEE_FIELDS, requestId);
    return data.map((node) => (node ? toTargets(node) : null));
  }

  /** The management chain (UnionIDs, nearest first) of each person, in one request. */
  async managerChains(corpId: string, unionIds: readonly string[], requestId?: string): Promise<string[][]> {
    if (!unionIds.length) return [];
    const data = await this.employees<{ managers: { unionId: string }[] }>(corpId, unionIds, 'managers { unionId }', requestId);
    return data.map((node) => node?.managers.map((manager) => manager.unionId) ?? []);
  }

  /** Every active member of a department and the departments below it, 500 a page; with their managers when asked. */
  async departmentMembers(corpId: string, departmentId: string, requestId?: string, withManagers = false): Promise<{ name: string; members: EmployeeTargets[] }> {
    const fields = withManagers ? `${EMPLOYEE_FIELDS} managers { unionId }` : EMPLOYEE_FIELDS;
    const members: EmployeeTargets[] = [];
    let name = departmentId;
    let after: string | null = null;
    for (;;) {
      const data: { department: { name: string; members: { nodes: EmployeeNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await this.client.request(
        corpId,
        `query($id: ID!, $after: String) { department(id: $id) { name members(first: 500, after: $after, includeSubdepartments: true) { nodes { ${fields} } pageInfo { hasNextPage endCursor } } } }`,
        { id: departmentId, after },
        requestId,
      );
      name = data.department.name;
      members.push(...data.department.members.nodes.map(toTargets));
      if (!data.department.members.pageInfo.hasNextPage) return { name, members };
      after = data.department.members.pageInfo.endCursor;
    }
  }

  /** One request of aliased `employee` fields; a person the directory does not know answers null. */
  private async employees<Node>(corpId: string, unionIds: readonly string[], fields: string, requestId?: string): Promise<(Node | null)[]> {
    const { query, variables } = aliasedEmployees(unionIds, fields);
    try {
      const data = await this.client.request<Record<string, Node>>(corpId, query, variables, requestId);
      return unionIds.map((_, i) => data[`e${i}`] ?? null);
    } catch (error) {
      // `employee(unionId)` is non-null: one unknown person fails the whole answer; then ask one by one
      if ((error as { extensions?: { code?: string } }).extensions?.code !== 'NOT_FOUND') throw error;
      if (unionIds.length === 1) return [null];
      return (await Promise.all(unionIds.map((unionId) => this.employees<Node>(corpId, [unionId], fields, requestId)))).flat();
    }
  }
}

export function createGraph(service: string, gatewayUrl: (() => string) | undefined, internalSecret: string): AttendanceGraph {
  return new AttendanceGraph(
    new GatewayClient({
      service,
      gatewayUrl: () => {
        if (!gatewayUrl) throw errors.INTERNAL_SERVER_ERROR('attendance needs the gateway URL (CORPHUB_GATEWAY_URL) to read the directory and media');
        return gatewayUrl();
      },
      internalSecret,
    }),
  );
}
