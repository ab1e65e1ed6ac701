import type { GraphClient } from './graph-client';
import { applyPatch, assertSchema, type Resource } from './patch';
import { badRequest, ScimError } from './scim-error';
import { listResponse, pageOf, type Paging } from './list';
import { matches, ownValue, parseFilter, reads, requiredValue } from './filter';
import { GROUP_RESOURCE, GROUP_SCHEMA } from './schemas';
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
      ...(members ? { members: members.map((member) => ({ ...member, $ref: `${this.base}/Users/${member.value}`, type: 'User' })) } : {}),
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

  /** Every group the filter matches; members are read for those on the page, and for all when the filter reads them. */
  async list(filterText: unknown, paging: Paging, withMembers: boolean) {
    const filter = filterText === undefined || filterText === '' ? undefined : parseFilter(filterText, GROUP_RESOURCE);
    const id = filter && requiredValue(filter, GROUP_RESOURCE, ['id']);
    const { departments } = await this.graph.request<{ departments: DepartmentView[] }>(`{ departments { id name createdAt } }`);
    const candidates = id === undefined ? departments : departments.filter((department) => department.id === id);
    const filterReadsMembers = filter !== undefined && reads(filter, GROUP_RESOURCE, 'members');
    const matching: DepartmentView[] = [];
    for (const department of candidates) {
      if (!filter || matches(this.toScim(department, filterReadsMembers ? await this.members(department.id) : undefined), filter, GROUP_RESOURCE)) matching.push(department);
    }
    const resources = [];
    for (const department of pageOf(matching, paging)) resources.push(this.toScim(department, withMembers ? await this.members(department.id) : undefined));
    return listResponse(resources, matching.length, paging);
  }

  async create(body: unknown): Promise<Resource> {
    assertSchema(body, GROUP_SCHEMA);
    const name = displayNameOf(body);
    const values = memberValues(ownValue(body, 'members'));
    await this.assertUsers(values);
    const created = await this.graph.request<{ createDepartment: DepartmentView }>(`mutation($name: String!) { createDepartment(input: { name: $name }) { id name createdAt } }`, { name });
    await this.setMembers(created.createDepartment.id, [], values);
    return this.get(created.createDepartment.id);
  }

  async replace(id: string, body: unknown): Promise<Resource> {
    assertSchema(body, GROUP_SCHEMA);
    const department = await this.department(id);
    const name = displayNameOf(body);
    const wanted = memberValues(ownValue(body, 'members'));
    const current = (await this.members(id)).map((member) => member.value);
    await this.assertUsers(wanted.filter((value) => !current.includes(value)));
    if (name !== department.name) await this.rename(id, name);
    await this.setMembers(id, current, wanted);
    return this.get(id);
  }

  /** Members are added and removed one by one (Okta: `members[value eq "…"]`; Entra: `members` with a value list). */
  async patch(id: string, body: unknown): Promise<Resource> {
    const department = await this.department(id);
    const members = await this.members(id);
    const current = members.map((member) => member.value);
    const patched = applyPatch(this.toScim(department, members), body, GROUP_RESOURCE);
    const name = displayNameOf(patched);
    const wanted = memberValues(patched.members);
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
  const name = ownValue(resource, 'displayName');
  if (typeof name !== 'string' || !name.trim()) throw badRequest('displayName is required');
  return name;
}

function memberValues(members: unknown): string[] {
  if (members === undefined || members === null) return [];
  const list = Array.isArray(members) ? members : [members];
  const values = list.map((member) => {
    const value = member && typeof member === 'object' ? ownValue(member as Resource, 'value') : undefined;
    if (typeof value !== 'string' || !value) throw badRequest('each member needs a value (the user id)');
    return value;
  });
  return [...new Set(values)];
}
