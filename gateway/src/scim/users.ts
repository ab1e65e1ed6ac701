import type { GraphClient } from './graph-client';
import { applyPatch, assertSchema, type Resource } from './patch';
import { badRequest, ScimError } from './scim-error';
import { listResponse, pageOf, type Paging } from './list';
import { matches, ownValue, parseFilter, requiredValue } from './filter';
import { ENTERPRISE_SCHEMA, USER_RESOURCE, USER_SCHEMA } from './schemas';

const EMPLOYEE_FIELDS = `unionId displayName employeeNumber title email phone externalId status createdAt department { id name } departments { id } manager { unionId displayName }`;
// a page the gateway's cost limit (CORPHUB_MAX_COST) accepts with every field SCIM reads
const PAGE = 100;

interface EmployeeView {
  unionId: string;
  displayName: string;
  employeeNumber: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  status: 'ACTIVE' | 'LEFT';
  createdAt: string;
  department: { id: string; name: string } | null;
  departments: { id: string }[];
  manager: { unionId: string; displayName: string } | null;
}

/** What a SCIM user says about an employee, in the graph's Employee terms. */
interface UserFields {
  userName: string;
  displayName: string;
  title: string | null;
  phone: string | null;
  externalId: string | null;
  employeeNumber: string | null;
  department: string | null;
  manager: string | null;
  active: boolean;
}

export function toScimUser(employee: EmployeeView, base: string): Resource {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    id: employee.unionId,
    ...(employee.externalId ? { externalId: employee.externalId } : {}),
    userName: employee.email,
    displayName: employee.displayName,
    name: { formatted: employee.displayName },
    ...(employee.title ? { title: employee.title } : {}),
    active: employee.status === 'ACTIVE',
    emails: employee.email ? [{ value: employee.email, type: 'work', primary: true }] : [],
    phoneNumbers: employee.phone ? [{ value: employee.phone, type: 'work' }] : [],
    [ENTERPRISE_SCHEMA]: {
      ...(employee.employeeNumber ? { employeeNumber: employee.employeeNumber } : {}),
      ...(employee.department ? { department: employee.department.id } : {}),
      ...(employee.manager ? { manager: { value: employee.manager.unionId, displayName: employee.manager.displayName, $ref: `${base}/Users/${employee.manager.unionId}` } } : {}),
    },
    meta: { resourceType: 'User', created: employee.createdAt, location: `${base}/Users/${employee.unionId}` },
  };
}

const text = (value: unknown, name: string): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  return value;
};

function bool(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  // Entra ID sends "False"
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw badRequest('active must be a boolean');
}

/**
 * The work value of `emails` or `phoneNumbers`: the entry typed "work", else one without a type. The hub
 * keeps one of each; a mobile number is taken and not kept, never written over the work one.
 */
function workValue(list: unknown, name: string): string | null {
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list)) throw badRequest(`${name} must be an array`);
  const items = list as (Resource | undefined)[];
  const typeOf = (item: Resource | undefined) => (typeof item?.type === 'string' ? item.type.toLowerCase() : undefined);
  const chosen = items.find((item) => typeOf(item) === 'work') ?? items.find((item) => item && typeOf(item) === undefined);
  return text(chosen?.value, `${name}.value`);
}

/**
 * What a SCIM user says, in the graph's Employee terms. `before` is the user as it was (PUT, PATCH): the hub's
 * userName is the work email, so a change of either one is a change of both.
 */
function readUser(resource: Resource, before?: Resource): UserFields {
  const value = (name: string) => ownValue(resource, name);
  const userName = text(value('userName'), 'userName');
  if (!userName) throw badRequest('userName is required (this hub uses the work email)');
  const workEmail = workValue(value('emails'), 'emails');
  const previous = typeof before?.userName === 'string' ? before.userName.toLowerCase() : undefined;
  const emailChangedAlone = previous !== undefined && userName.toLowerCase() === previous && workEmail !== null && workEmail.toLowerCase() !== previous;
  const name = (value('name') ?? {}) as Resource;
  const fromParts = [text(ownValue(name, 'givenName'), 'name.givenName'), text(ownValue(name, 'familyName'), 'name.familyName')].filter(Boolean).join(' ');
  const enterprise = (value(ENTERPRISE_SCHEMA) ?? {}) as Resource;
  const manager = ownValue(enterprise, 'manager');
  return {
    userName: emailChangedAlone ? workEmail : userName,
    displayName: text(value('displayName'), 'displayName') ?? text(ownValue(name, 'formatted'), 'name.formatted') ?? (fromParts || userName),
    title: text(value('title'), 'title'),
    phone: workValue(value('phoneNumbers'), 'phoneNumbers'),
    externalId: text(value('externalId'), 'externalId'),
    employeeNumber: text(ownValue(enterprise, 'employeeNumber'), 'employeeNumber'),
    department: text(ownValue(enterprise, 'department'), 'department'),
    manager: typeof manager === 'object' && manager !== null ? text(ownValue(manager as Resource, 'value'), 'manager.value') : text(manager, 'manager'),
    active: bool(value('active')),
  };
}

export class Users {
  constructor(
    private readonly graph: GraphClient,
    private readonly base: string,
  ) {}

  private async employee(unionId: string): Promise<EmployeeView> {
    const data = await this.graph.request<{ employee: EmployeeView }>(`query($u: ID!) { employee(unionId: $u) { ${EMPLOYEE_FIELDS} } }`, { u: unionId });
    return data.employee;
  }

  async get(unionId: string): Promise<Resource> {
    return toScimUser(await this.employee(unionId), this.base);
  }

  /** Active employees first, then former ones: SCIM lists deactivated users too. */
  async list(filterText: unknown, paging: Paging) {
    if (filterText !== undefined && filterText !== '') return this.search(parseFilter(filterText, USER_RESOURCE), paging);
    const counts = await this.graph.request<{ active: { totalCount: number }; left: { totalCount: number } }>(
      `{ active: employees(filter: { status: ACTIVE }, first: 1) { totalCount } left: employees(filter: { status: LEFT }, first: 1) { totalCount } }`,
    );
    const total = counts.active.totalCount + counts.left.totalCount;
    const skip = paging.startIndex - 1;
    const resources: EmployeeView[] = [];
    if (paging.count > 0 && skip < counts.active.totalCount) resources.push(...(await this.collect({ status: 'ACTIVE' }, skip, paging.count)));
    const stillWanted = paging.count - resources.length;
    if (stillWanted > 0 && skip + resources.length < total) {
      resources.push(...(await this.collect({ status: 'LEFT' }, Math.max(0, skip - counts.active.totalCount), stillWanted)));
    }
    return listResponse(resources.map((employee) => toScimUser(employee, this.base)), total, paging);
  }

  /**
   * A filtered list: the graph is asked for the rows an `id eq` or a `userName eq` (what IdPs
   * look users up by) allows, else for every user, and the filter is applied to them as SCIM users.
   */
  private async search(filter: ReturnType<typeof parseFilter>, paging: Paging) {
    const id = requiredValue(filter, USER_RESOURCE, ['id']);
    const email = requiredValue(filter, USER_RESOURCE, ['userName', 'emails.value']);
    let candidates: EmployeeView[];
    if (id !== undefined) {
      candidates = await this.employee(id).then(
        (employee) => [employee],
        (error: unknown) => {
          if (error instanceof ScimError && (error.status === 404 || error.status === 400)) return [];
          throw error;
        },
      );
    } else {
      const byEmail = email === undefined ? {} : { email };
      candidates = [...(await this.collect({ ...byEmail, status: 'ACTIVE' }, 0, Infinity)), ...(await this.collect({ ...byEmail, status: 'LEFT' }, 0, Infinity))];
    }
    const matching = candidates.map((employee) => toScimUser(employee, this.base)).filter((user) => matches(user, filter, USER_RESOURCE));
    return listResponse(pageOf(matching, paging), matching.length, paging);
  }

  /** Walks the keyset-paged connection up to `skip + take` rows (SCIM pages by index). */
  private async collect(filter: Record<string, unknown>, skip: number, take: number): Promise<EmployeeView[]> {
    const rows: EmployeeView[] = [];
    let after: string | null = null;
    do {
      const data: { employees: { nodes: EmployeeView[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await this.graph.request(
        `query($f: EmployeeFilter, $first: Int!, $after: String) { employees(filter: $f, first: $first, after: $after) { nodes { ${EMPLOYEE_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        { f: filter, first: PAGE, after },
      );
      rows.push(...data.employees.nodes);
      after = data.employees.pageInfo.hasNextPage ? data.employees.pageInfo.endCursor : null;
    } while (after && rows.length < skip + take);
    return rows.slice(skip, skip + take);
  }

  async create(body: unknown): Promise<Resource> {
    assertSchema(body, USER_SCHEMA);
    const user = readUser(body);
    // everything that can be refused is checked before the person is added
    const existing = await this.graph.request<{ active: { totalCount: number }; left: { totalCount: number } }>(
      `query($e: String!) { active: employees(filter: { email: $e }) { totalCount } left: employees(filter: { email: $e, status: LEFT }) { totalCount } }`,
      { e: user.userName },
    );
    if (existing.active.totalCount + existing.left.totalCount > 0) throw new ScimError(409, `A user with userName "${user.userName}" already exists`, 'uniqueness');
    const departmentId = user.department ? await this.departmentId(user.department) : null;
    if (user.manager) await this.employee(user.manager).catch(rethrowAs(badRequest(`manager "${user.manager}" is not a user of this corp`)));
    const added = await this.graph.request<{ addPerson: { unionId: string } }>(`mutation($input: AddPersonInput!) { addPerson(input: $input) { unionId } }`, {
      input: { displayName: user.displayName, email: user.userName.toLowerCase() },
    });
    const unionId = added.addPerson.unionId;
    await this.graph.request(`mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { unionId } }`, {
      input: {
        unionId,
        displayName: user.displayName,
        email: user.userName,
        title: user.title,
        phone: user.phone,
        externalId: user.externalId,
        employeeNumber: user.employeeNumber,
        managerUnionId: user.manager,
        departmentIds: departmentId ? [departmentId] : [],
      },
    });
    if (!user.active) await this.graph.request(`mutation($u: ID!) { offboardEmployee(unionId: $u) { unionId } }`, { u: unionId });
    return this.get(unionId);
  }

  async replace(unionId: string, body: unknown): Promise<Resource> {
    assertSchema(body, USER_SCHEMA);
    const current = await this.employee(unionId);
    return this.write(current, readUser(body, toScimUser(current, this.base)));
  }

  async patch(unionId: string, body: unknown): Promise<Resource> {
    const current = await this.employee(unionId);
    const before = toScimUser(current, this.base);
    return this.write(current, readUser(applyPatch(before, body, USER_RESOURCE), before));
  }

  /** Deprovisioning offboards: the graph keeps former employees' history (see the README). */
  async remove(unionId: string): Promise<void> {
    const current = await this.employee(unionId);
    if (current.status === 'ACTIVE') await this.graph.request(`mutation($u: ID!) { offboardEmployee(unionId: $u) { unionId } }`, { u: unionId });
  }

  /** Brings an employee to what a SCIM user says, changing only what differs. */
  private async write(current: EmployeeView, user: UserFields): Promise<Resource> {
    const u = current.unionId;
    const wasActive = current.status === 'ACTIVE';
    // everything that can be refused is looked up before the first write
    const departmentId = user.department ? await this.departmentId(user.department) : null;
    const managerChanged = user.manager !== (current.manager?.unionId ?? null);
    if (managerChanged && user.manager) await this.employee(user.manager).catch(rethrowAs(badRequest(`manager "${user.manager}" is not a user of this corp`)));
    if (user.active && !wasActive) await this.graph.request(`mutation($u: ID!) { rehireEmployee(unionId: $u) { unionId } }`, { u });
    const changes: Record<string, unknown> = {};
    const compare: [keyof UserFields, keyof EmployeeView][] = [
      ['displayName', 'displayName'],
      ['title', 'title'],
      ['phone', 'phone'],
      ['externalId', 'externalId'],
      ['employeeNumber', 'employeeNumber'],
    ];
    for (const [from, to] of compare) if (user[from] !== current[to]) changes[to] = user[from];
    if (user.userName.toLowerCase() !== current.email) changes.email = user.userName;
    if (managerChanged) changes.managerUnionId = user.manager;
    if (Object.keys(changes).length) await this.graph.request(`mutation($u: ID!, $input: UpdateEmployeeInput!) { updateEmployee(unionId: $u, input: $input) { unionId } }`, { u, input: changes });
    if (departmentId !== (current.department?.id ?? null) && (user.active || wasActive)) {
      const others = current.departments.map((department) => department.id).filter((id) => id !== current.department?.id && id !== departmentId);
      const departmentIds = departmentId ? [departmentId, ...others] : others;
      await this.graph.request(`mutation($u: ID!, $input: TransferEmployeeInput!) { transferEmployee(unionId: $u, input: $input) { unionId } }`, {
        u,
        input: { departmentIds, primaryDepartmentId: departmentIds[0] ?? null },
      });
    }
    if (!user.active && wasActive) await this.graph.request(`mutation($u: ID!) { offboardEmployee(unionId: $u) { unionId } }`, { u });
    return this.get(u);
  }

  /** The enterprise extension's department: a department id, or a department name. */
  private async departmentId(value: string): Promise<string> {
    const { departments } = await this.graph.request<{ departments: { id: string; name: string }[] }>(`{ departments { id name } }`);
    const byId = departments.find((department) => department.id === value);
    if (byId) return byId.id;
    const byName = departments.filter((department) => department.name.toLowerCase() === value.toLowerCase());
    if (byName.length === 1) return byName[0].id;
    throw badRequest(byName.length ? `department "${value}" names several departments: use its id` : `department "${value}" not found`);
  }
}

function rethrowAs(replacement: ScimError) {
  return (error: unknown) => {
    throw error instanceof ScimError && error.status === 404 ? replacement : error;
  };
}

