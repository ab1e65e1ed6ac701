import { errors, ModuleGraph } from '@corphub/module-kit';

/**
 * What expenses reads from other subgraphs, through the gateway with its own service token (never their
 * tables): whether someone is tagged finance from the directory, an invoice's kind from media (the approval
 * steps come from the approvals service, see claim.approval.ts).
 */
export class ExpensesGraph extends ModuleGraph {
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
