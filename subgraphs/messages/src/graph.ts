import { errorCodeOf, errors, type GatewayClient } from '@corphub/module-kit';
import { MAX_RECIPIENTS, type MessageRecipientsInput } from './messages/message.inputs';

/** Aliased lookups per request, under the gateway's alias limit. */
const LOOKUPS_PER_REQUEST = 25;
const PAGE = 500;

interface MembersPage {
  nodes: { unionId: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * What messages reads from other subgraphs, through the gateway with its own service token (never their
 * tables): whether an app is installed (identity) and who a send reaches (directory).
 */
export class MessagesGraph {
  constructor(private readonly client: GatewayClient) {}

  /** Whether `appId` is installed (and not uninstalled) in the corp. */
  async isInstalled(corpId: string, appId: string, requestId?: string): Promise<boolean> {
    let after: string | null = null;
    for (;;) {
      const data: { installations: { nodes: { status: string; app: { appId: string } }[]; pageInfo: MembersPage['pageInfo'] } } = await this.client.request(
        corpId,
        /* GraphQL */ `query MessagesInstallations($after: String) { installations(first: 100, after: $after) { nodes { status app { appId } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        requestId,
      );
      const found = data.installations.nodes.find((node) => node.app.appId === appId);
      if (found) return found.status === 'INSTALLED';
      if (!data.installations.pageInfo.hasNextPage) return false;
      after = data.installations.pageInfo.endCursor;
    }
  }

  /**
   * The people a send reaches, each once, with how it reached them (the first group that named them):
   * active employees of the corp only, since every lookup runs in the sender's corp.
   */
  async expand(corpId: string, to: MessageRecipientsInput, requestId?: string): Promise<Map<string, string>> {
    const recipients = new Map<string, string>();
    const add = (unionIds: string[], via: string) => {
      for (const unionId of unionIds) if (!recipients.has(unionId)) recipients.set(unionId, via);
      if (recipients.size > MAX_RECIPIENTS) throw errors.BAD_USER_INPUT(`A message reaches at most ${MAX_RECIPIENTS} people: narrow the recipients`);
    };
    const unionIds = [...new Set(to.unionIds ?? [])];
    const departments = to.departments ?? [];
    const tags = [...new Set(to.tags ?? [])];
    const [everyone, people, departmentMembers, tagMembers] = await Promise.all([
      to.everyone ? this.employees(corpId, {}, requestId) : [],
      this.activeEmployees(corpId, unionIds, to.ignoreUnknownRecipients, requestId),
      Promise.all(departments.map((department) => this.departmentMembers(corpId, department.id, department.includeSubdepartments, requestId))),
      this.tagMembers(corpId, tags, requestId),
    ]);
    add(everyone, 'everyone');
    add(people, 'unionId');
    departments.forEach((department, i) => add(departmentMembers[i], `${department.includeSubdepartments ? 'subtree' : 'department'}:${department.id}`));
    tags.forEach((tag, i) => add(tagMembers[i], `tag:${tag}`));
    for (const unionId of to.excludeUnionIds ?? []) recipients.delete(unionId);
    return recipients;
  }

  /** The given people, all of whom must be active employees of the corp (else BAD_USER_INPUT naming them, or, with `skipUnknown`, without them). */
  private async activeEmployees(corpId: string, unionIds: string[], skipUnknown: boolean, requestId?: string): Promise<string[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < unionIds.length; i += LOOKUPS_PER_REQUEST) chunks.push(unionIds.slice(i, i + LOOKUPS_PER_REQUEST));
    const statuses = await Promise.all(chunks.map((chunk) => this.employeeStatuses(corpId, chunk, requestId)));
    const unknown = chunks.flatMap((chunk, c) => chunk.filter((_, i) => statuses[c][i] !== 'ACTIVE'));
    if (unknown.length && skipUnknown) return unionIds.filter((unionId) => !unknown.includes(unionId));
    if (unknown.length) {
      throw errors.BAD_USER_INPUT(`Not active employees of this corp: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`, { unionIds: unknown });
    }
    return unionIds;
  }

  /**
   * Each person's employee status in the corp, or null when they are none of its employees: one aliased
   * request per chunk; when one of them is unknown (NOT_FOUND), each is asked alone.
   */
  private async employeeStatuses(corpId: string, unionIds: string[], requestId?: string): Promise<(string | null)[]> {
    const variables = Object.fromEntries(unionIds.map((unionId, i) => [`u${i}`, unionId]));
    const query = `query MessagesPeople(${unionIds.map((_, i) => `$u${i}: ID!`).join(', ')}) { ${unionIds.map((_, i) => `e${i}: employee(unionId: $u${i}) { status }`).join(' ')} }`;
    try {
      const data = await this.client.request<Record<string, { status: string }>>(corpId, query, variables, requestId);
      return unionIds.map((_, i) => data[`e${i}`]?.status ?? null);
    } catch (error) {
      if (errorCodeOf(error) !== 'NOT_FOUND') throw error;
    }
    return Promise.all(
      unionIds.map(async (unionId) => {
        try {
          const data = await this.client.request<{ employee: { status: string } }>(corpId, /* GraphQL */ `query MessagesPerson($u: ID!) { employee(unionId: $u) { status } }`, { u: unionId }, requestId);
          return data.employee.status;
        } catch (error) {
          if (errorCodeOf(error) === 'NOT_FOUND') return null;
          throw error;
        }
      }),
    );
  }

  /** Every active member of a department (and of those below it), page by page. */
  private async departmentMembers(corpId: string, departmentId: string, includeSubdepartments: boolean, requestId?: string): Promise<string[]> {
    const members: string[] = [];
    let after: string | null = null;
    for (;;) {
      let page: MembersPage;
      try {
        const data: { department: { members: MembersPage } } = await this.client.request(
          corpId,
          /* GraphQL */ `query MessagesDepartment($id: ID!, $after: String, $sub: Boolean!) { department(id: $id) { members(first: ${PAGE}, after: $after, includeSubdepartments: $sub) { nodes { unionId } pageInfo { hasNextPage endCursor } } } }`,
          { id: departmentId, after, sub: includeSubdepartments },
          requestId,
        );
        page = data.department.members;
      } catch (error) {
        if (errorCodeOf(error) === 'NOT_FOUND') throw errors.BAD_USER_INPUT(`Department "${departmentId}" not found`);
        throw error;
      }
      members.push(...page.nodes.map((node) => node.unionId));
      if (members.length > MAX_RECIPIENTS) throw errors.BAD_USER_INPUT(`A message reaches at most ${MAX_RECIPIENTS} people: narrow the recipients`);
      if (!page.pageInfo.hasNextPage) return members;
      after = page.pageInfo.endCursor;
    }
  }

  /** The active members of each tag, in order; an unknown tag is BAD_USER_INPUT. */
  private async tagMembers(corpId: string, tags: string[], requestId?: string): Promise<string[][]> {
    if (!tags.length) return [];
    const known = new Set((await this.client.request<{ tags: { name: string }[] }>(corpId, /* GraphQL */ `query MessagesTags { tags { name } }`, {}, requestId)).tags.map((tag) => tag.name));
    const missing = tags.filter((tag) => !known.has(tag));
    if (missing.length) throw errors.BAD_USER_INPUT(`Unknown tags: ${missing.join(', ')}`);
    return Promise.all(tags.map((tag) => this.employees(corpId, { tag }, requestId)));
  }

  /** The active employees that match a directory filter (all of them for `{}`), page by page. */
  private async employees(corpId: string, filter: { tag?: string }, requestId?: string): Promise<string[]> {
    const members: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { employees: MembersPage } = await this.client.request(
        corpId,
        /* GraphQL */ `query MessagesEmployees($filter: EmployeeFilter, $after: String) { employees(first: ${PAGE}, after: $after, filter: $filter) { nodes { unionId } pageInfo { hasNextPage endCursor } } }`,
        { filter, after },
        requestId,
      );
      members.push(...data.employees.nodes.map((node) => node.unionId));
      if (members.length > MAX_RECIPIENTS) throw errors.BAD_USER_INPUT(`A message reaches at most ${MAX_RECIPIENTS} people: narrow the recipients`);
      if (!data.employees.pageInfo.hasNextPage) return members;
      after = data.employees.pageInfo.endCursor;
    }
  }
}
