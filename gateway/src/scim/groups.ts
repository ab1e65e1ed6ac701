import type { GraphClient } from './graph-client';
import { applyPatch, PATCH_SCHEMA, type Resource } from './patch';
import { badRequest, ScimError } from './scim-error';
import { equalityFilter, listResponse, type Paging } from './list';
import { assertSchema } from './users';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
// a page the gateway's cost limit (CORPHUB_MAX_COST) accepts with every field SCIM reads
const PAGE = 100;

interface DepartmentView {
  id: string;
  name: string;
  createdAt: string;
}

interface Member {
  value: string;
  display?: string;
}

/**
 * SCIM groups are the graph's departments: a group's members are the department's direct members.
 * Adding a member adds the department to the employee's departments (primary if they had none);
 * removing one takes it away (the next department becomes primary).
 */
export class Groups {
  constructor(
    private readonly graph: GraphClient,
    private readonly base: string,
  ) {}

  private toScim(department: DepartmentView, members: Member[] | undefined): Resource {
    return {
      schemas: [GROUP_SCHEMA],
      id: department.id,
      displayName: department.name,
      ...(members ? { members: members.map((member) => ({ ...member, $ref: `${this.base}/Users/${member.value}` })) } : {}),
      meta: { resourceType: 'Group', created: department.createdAt, location: `${this.base}/Groups/${department.id}` },
    };
  }

  private async department(id: string): Promise<DepartmentView> {
    return (await this.graph.request<{ department: DepartmentView }>(`query($id: ID!) { department(id: $id) { id name createdAt } }`, { id })).department;
  }

  private async members(id: string): Promise<Member[]> {
    const members: Member[] = [];
    let after: string | null = null;
    do {
      const data: { department: { members: { nodes: { unionId: string; displayName: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await this.graph.request(
        `query($id: ID!, $first: Int!, $after: String) { department(id: $id) { members(first: $first, after: $after) { nodes { unionId displayName } pageInfo { hasNextPage endCursor } } } }`,
        { id, first: PAGE, after },
      );
      members.push(...data.department.members.nodes.map((node) => ({ value: node.unionId, display: node.displayName })));
      after = data.department.members.pageInfo.hasNextPage ? data.department.members.pageInfo.endCursor : null;
    } while (after);
    return members;
  }

  async get(id: string, withMembers = true): Promise<Resource> {
    const department = await this.department(id);
    return this.toScim(department, withMembers ? await this.members(id) : undefined);
  }

  async list(query: Record<string, unknown>, paging: Paging, withMembers: boolean) {
    const filter = equalityFilter(query.filter, ['displayName', 'id']);
    const { departments } = await this.graph.request<{ departments: DepartmentView[] }>(`{ departments { id name createdAt } }`);
    const matching = filter
      ? departments.filter((department) => (filter.attribute === 'id' ? department.id === filter.value : department.name.toLowerCase() === filter.value.toLowerCase()))
      : departments;
    const page = matching.slice(paging.startIndex - 1, paging.startIndex - 1 + paging.count);
    const resources = [];
    for (const department of page) resources.push(this.toScim(department, withMembers ? await this.members(department.id) : undefined));
    return listResponse(resources, matching.length, paging);
  }

  async create(body: Resource): Promise<Resource> {
    assertSchema(body, GROUP_SCHEMA);
    const name = displayNameOf(body);
    const values = memberValues(body.members);
    await this.assertUsers(values);
    const created = await this.graph.request<{ createDepartment: DepartmentView }>(`mutation($name: String!) { createDepartment(input: { name: $name }) { id name createdAt } }`, { name });
    await this.setMembers(created.createDepartment.id, [], values);
    return this.get(created.createDepartment.id);
  }

  async replace(id: string, body: Resource): Promise<Resource> {
    assertSchema(body, GROUP_SCHEMA);
    const department = await this.department(id);
    const name = displayNameOf(body);
    const wanted = memberValues(body.members);
    const current = (await this.members(id)).map((member) => member.value);
    await this.assertUsers(wanted.filter((value) => !current.includes(value)));
    if (name !== department.name) await this.rename(id, name);
    await this.setMembers(id, current, wanted);
    return this.get(id);
  }

  async patch(id: string, body: Resource): Promise<Resource> {
    assertSchema(body, PATCH_SCHEMA);
    const department = await this.department(id);
    const current = (await this.members(id)).map((member) => member.value);
    let wanted = [...current];
    // members are changed one by one (add, remove by filter or value, replace), everything else on the resource
    const patched = applyPatch(this.toScim(department, undefined), (body as { Operations?: unknown }).Operations, [], (_resource, op, path, value) => {
      const byFilter = /^members\[value eq "([^"]+)"\]$/i.exec(path);
      if (!/^members$/i.test(path) && !byFilter) return false;
      if (op === 'remove') {
        const removed = byFilter ? [byFilter[1]] : value === undefined ? wanted : memberValues(value);
        wanted = wanted.filter((unionId) => !removed.includes(unionId));
      } else if (op === 'add') {
        wanted = [...new Set([...wanted, ...memberValues(value)])];
      } else {
        wanted = memberValues(value);
      }
      return true;
    });
    const name = displayNameOf(patched);
    await this.assertUsers(wanted.filter((value) => !current.includes(value)));
    if (name !== department.name) await this.rename(id, name);
    await this.setMembers(id, current, wanted);
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.graph.request(`mutation($id: ID!) { deleteDepartment(id: $id) }`, { id });
  }

  /** Refuses members that are not users of the corp before anything is written. */
  private async assertUsers(unionIds: string[]): Promise<void> {
    for (const unionId of unionIds) await this.employeeDepartments(unionId);
  }

  private async employeeDepartments(unionId: string) {
    return this.graph
      .request<{ employee: { department: { id: string } | null; departments: { id: string }[] } }>(`query($u: ID!) { employee(unionId: $u) { department { id } departments { id } } }`, { u: unionId })
      .catch((error: unknown) => {
        throw error instanceof ScimError && error.status === 404 ? badRequest(`member "${unionId}" is not a user of this corp`) : error;
      });
  }

  private async rename(id: string, name: string): Promise<void> {
    await this.graph.request(`mutation($id: ID!, $name: String!) { updateDepartment(id: $id, input: { name: $name }) { id } }`, { id, name });
  }

  private async setMembers(id: string, current: string[], wanted: string[]): Promise<void> {
    for (const unionId of wanted.filter((value) => !current.includes(value))) await this.moveMember(id, unionId, 'add');
    for (const unionId of current.filter((value) => !wanted.includes(value))) await this.moveMember(id, unionId, 'remove');
  }

  private async moveMember(id: string, unionId: string, change: 'add' | 'remove'): Promise<void> {
    const data = await this.employeeDepartments(unionId);
    const ids = data.employee.departments.map((department) => department.id);
    const departmentIds = change === 'add' ? [...ids, id] : ids.filter((departmentId) => departmentId !== id);
    const primary = data.employee.department && departmentIds.includes(data.employee.department.id) ? data.employee.department.id : departmentIds[0];
    await this.graph.request(`mutation($u: ID!, $input: TransferEmployeeInput!) { transferEmployee(unionId: $u, input: $input) { unionId } }`, {
      u: unionId,
      input: { departmentIds, primaryDepartmentId: primary ?? null },
    });
  }
}

function displayNameOf(resource: Resource): string {
  const key = Object.keys(resource).find((k) => k.toLowerCase() === 'displayname');
  const name = key ? resource[key] : undefined;
  if (typeof name !== 'string' || !name.trim()) throw badRequest('displayName is required');
  return name;
}

function memberValues(members: unknown): string[] {
  if (members === undefined || members === null) return [];
  const list = Array.isArray(members) ? members : [members];
  return list.map((member) => {
    const value = (member as { value?: unknown })?.value;
    if (typeof value !== 'string' || !value) throw badRequest('each member needs a value (the user id)');
    return value;
  });
}
