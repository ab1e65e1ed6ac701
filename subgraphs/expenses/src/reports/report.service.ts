import { raw } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { corpIdOf, errors, inScope, Money, toCsv, totalsByCurrency } from '@corphub/module-kit';
import { ClaimStatus, LineItem } from '../claims/claim.entity';
import { isCorpReader } from '../claims/claim.service';
import { MONTH, type ReportArgs } from './report.inputs';
import type { ExpenseReport } from './report.types';
import type { ExpensesContext } from '../context';

function lastDay(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * A department's expenses per month, category and currency (sub-departments included), for corp-wide
 * readers (admins, analysts) and finance; the GraphQL `expenseReport` and the CSV download share it.
 */
export async function departmentReport(ctx: ExpensesContext, args: ReportArgs): Promise<ExpenseReport> {
  const { auth, em, services, requestId } = ctx;
  for (const month of [args.fromMonth, args.toMonth]) if (!MONTH.test(month)) throw errors.BAD_USER_INPUT(`A month is YYYY-MM, got "${month}"`);
  if (args.fromMonth > args.toMonth) throw errors.BAD_USER_INPUT('fromMonth is after toMonth');
  if (args.statuses?.some((status) => !Object.values(ClaimStatus).includes(status))) throw errors.BAD_USER_INPUT(`statuses are of ${Object.values(ClaimStatus).join(', ')}`);
  if (!isCorpReader(auth) && !(auth.unionId && (await services.graph.hasFinanceTag(auth.corpId, auth.unionId, requestId)))) {
    throw errors.FORBIDDEN('Only finance and corp-wide readers may read expense reports');
  }
  // a scoped app's caller sees the sums of the people inside its scope only
  const members = (await services.graph.departmentMembers(auth.corpId, args.departmentId, { requestId })).members.map((member) => member.unionId).filter((unionId) => inScope(auth, unionId));
  const statuses = args.statuses?.length ? args.statuses : [ClaimStatus.APPROVED, ClaimStatus.PAID];
  const rows = members.length
    ? await (em as SqlEntityManager)
        .createQueryBuilder(LineItem, 'li')
        .select(['li.incurred_on as day', 'li.category as category', 'li.amount_currency as currency'])
        .addSelect(raw('sum(li.amount_amount_minor) as amount_minor, count(*) as item_count'))
        .join('li.claim', 'c')
        // a query builder skips the ORM's filters: the corp condition is the one the filter would add
        .where({
          corpId: corpIdOf(em),
          incurredOn: { $gte: `${args.fromMonth}-01`, $lte: lastDay(args.toMonth) },
          claim: { claimantUnionId: { $in: members }, status: { $in: statuses } },
        })
        .groupBy(['li.incurred_on', 'li.category', 'li.amount_currency'])
        .execute<{ day: string | Date; category: string; currency: string; amount_minor: string | number; item_count: string | number }[]>('all', false)
    : [];
  // days → months here: the SQL stays the same on SQLite and PostgreSQL
  const byKey = new Map<string, { month: string; category: string; currency: string; minor: bigint; count: number }>();
  for (const row of rows) {
    const day = row.day instanceof Date ? row.day.toISOString().slice(0, 10) : String(row.day);
    const month = day.slice(0, 7);
    const key = `${month}|${row.category}|${row.currency}`;
    const entry = byKey.get(key) ?? { month, category: row.category, currency: row.currency, minor: 0n, count: 0 };
    entry.minor += BigInt(String(row.amount_minor));
    entry.count += Number(row.item_count);
    byKey.set(key, entry);
  }
  const reportRows = [...byKey.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category) || a.currency.localeCompare(b.currency))
    .map((entry) => ({ month: entry.month, category: entry.category, amount: new Money(Number(entry.minor), entry.currency), itemCount: entry.count }));
  const csv = toCsv(
    ['department', 'month', 'category', 'currency', 'amount', 'amount_minor', 'items'],
    reportRows.map((row) => [args.departmentId, row.month, row.category, row.amount.currency, row.amount.amount, row.amount.amountMinor, row.itemCount]),
  );
  return { departmentId: args.departmentId, rows: reportRows, totals: totalsByCurrency(reportRows.map((row) => row.amount)), csv };
}
