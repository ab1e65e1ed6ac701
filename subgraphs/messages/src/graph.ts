import { errorCodeOf, errors, type GatewayClient } from '@corphub/shared';
import { MAX_RECIPIENTS, type MessageRecipientsInput } from './message.inputs';

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
      this.activeEmployees(corpId, unionIds, requestId),
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

  /** The given people, all of whom must be active employees of the corp (else BAD_USER_INPUT naming them). */
  private async activeEmployees(corpId: string, unionIds: string[], requestId?: string): Promise<string[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < unionIds.length; i += LOOKUPS_PER_REQUEST) chunks.push(unionIds.slice(i, i + LOOKUPS_PER_REQUEST));
    const answers = await Promise.all(
      chunks.map((chunk) => {
        const variables = Object.fromEntries(chunk.map((unionId, i) => [`u${i}`, unionId]));
        // person is nullable in identity (another corp's person is null too), so unknown people fail nothing else
        const query = `query MessagesPeople(${chunk.map((_, i) => `$u${i}: ID!`).join(', ')}) { ${chunk.map((_, i) => `p${i}: person(unionId: $u${i}) { employee { unionId status } }`).join(' ')} }`;
        return this.client.request<Record<string, { employee: { unionId: string; status: string } | null } | null>>(corpId, query, variables, requestId);
      }),
    );
    const unknown: string[] = [];
    chunks.forEach((chunk, c) =>
      chunk.forEach((unionId, i) => {
        if (answers[c][`p${i}`]?.employee?.status !== 'ACTIVE') unknown.push(unionId);
      }),
    );
    if (unknown.length) {
      throw errors.BAD_USER_INPUT(`Not active employees of this corp: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`, { unionIds: unknown });
    }
    return unionIds;
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
