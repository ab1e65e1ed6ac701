import { errors, ModuleGraph } from '@corphub/module-kit';

/**
 * What expenses reads from other subgraphs, through the gateway with its own service token (never their
 * tables): the manager chain and finance people from the directory, an invoice's kind from media.
 */
export class ExpensesGraph extends ModuleGraph {
  /** The claimant's managers, nearest first; NOT_FOUND when the claimant is no employee of the corp. */
  async managerChain(corpId: string, unionId: string, requestId?: string): Promise<string[]> {
    const [employee] = await this.employees<{ managers: { unionId: string }[] }>(corpId, [unionId], 'managers { unionId }', requestId);
    if (!employee) throw errors.NOT_FOUND(`Employee "${unionId}" not found`);
    return employee.managers.map((manager) => manager.unionId);
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
    const [employee] = await this.employees<{ tags: { name: string }[] }>(corpId, [unionId], 'tags { name }', requestId);
    return !!employee?.tags.some((tag) => tag.name === 'finance');
  }

  /** Refuses an invoice that is not a DOCUMENT or IMAGE of this corp (another corp's media is not found). */
  async checkInvoice(corpId: string, mediaId: string, requestId?: string): Promise<void> {
    const [invoice] = await this.media(corpId, [mediaId], requestId);
    if (!invoice) throw errors.BAD_USER_INPUT(`Invoice "${mediaId}" not found`);
    if (invoice.kind !== 'DOCUMENT' && invoice.kind !== 'IMAGE') throw errors.BAD_USER_INPUT(`Invoice "${mediaId}" is ${invoice.kind}: upload a DOCUMENT or IMAGE`);
  }
}
