import { errors, GatewayClient } from '@corphub/shared';

/**
 * What expenses reads from other subgraphs, through the gateway with its own service token (never their
 * tables): the manager chain and finance people from the directory, an invoice's kind from media.
 */
export class ExpensesGraph {
  constructor(private readonly client: GatewayClient) {}

  /** The claimant's managers, nearest first. */
  async managerChain(corpId: string, unionId: string, requestId?: string): Promise<string[]> {
    const data = await this.client.request<{ employee: { managers: { unionId: string }[] } }>(
      corpId,
      /* GraphQL */ `query($u: ID!) { employee(unionId: $u) { managers { unionId } } }`,
      { u: unionId },
      requestId,
    );
    return data.employee.managers.map((manager) => manager.unionId);
  }

  /** Active employees with the `finance` tag. */
  async financeApprovers(corpId: string, requestId?: string): Promise<string[]> {
    const data = await this.client.request<{ employees: { nodes: { unionId: string }[] } }>(
      corpId,
      /* GraphQL */ `{ employees(filter: { tag: "finance" }, first: 500) { nodes { unionId } } }`,
      {},
      requestId,
    );
    return data.employees.nodes.map((employee) => employee.unionId);
  }

  async hasFinanceTag(corpId: string, unionId: string, requestId?: string): Promise<boolean> {
    try {
      const data = await this.client.request<{ employee: { tags: { name: string }[] } }>(
        corpId,
        /* GraphQL */ `query($u: ID!) { employee(unionId: $u) { tags { name } } }`,
        { u: unionId },
        requestId,
      );
      return data.employee.tags.some((tag) => tag.name === 'finance');
    } catch (error) {
      if ((error as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  /** Refuses an invoice that is not a DOCUMENT or IMAGE of this corp (another corp's media is not found). */
  async checkInvoice(corpId: string, mediaId: string, requestId?: string): Promise<void> {
    let kind: string;
    try {
      const data = await this.client.request<{ media: { kind: string } }>(corpId, /* GraphQL */ `query($id: ID!) { media(id: $id) { kind } }`, { id: mediaId }, requestId);
      kind = data.media.kind;
    } catch (error) {
      if ((error as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') throw errors.BAD_USER_INPUT(`Invoice "${mediaId}" not found`);
      throw error;
    }
    if (kind !== 'DOCUMENT' && kind !== 'IMAGE') throw errors.BAD_USER_INPUT(`Invoice "${mediaId}" is ${kind}: upload a DOCUMENT or IMAGE`);
  }

  /** Every active member of a department and the departments below it (pages of 500). */
  async departmentMembers(corpId: string, departmentId: string, requestId?: string): Promise<string[]> {
    const unionIds: string[] = [];
    let after: string | null = null;
    do {
      const data: { department: { members: { nodes: { unionId: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await this.client.request(
        corpId,
        /* GraphQL */ `query($id: ID!, $after: String) { department(id: $id) { members(first: 500, after: $after, includeSubdepartments: true) { nodes { unionId } pageInfo { hasNextPage endCursor } } } }`,
        { id: departmentId, after },
        requestId,
      );
      unionIds.push(...data.department.members.nodes.map((node) => node.unionId));
      after = data.department.members.pageInfo.hasNextPage ? data.department.members.pageInfo.endCursor : null;
    } while (after);
    return unionIds;
  }
}
