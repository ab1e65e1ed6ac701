import type { Router } from 'express';
import { errors, sendCsv, type RouteKit } from '@corphub/module-kit';
import type { ExpensesLoaders } from '../loaders';
import type { ExpensesServices } from '../services';
import type { ClaimStatus } from '../claims/claim.entity';
import { departmentReport } from './report.service';

const single = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw errors.BAD_USER_INPUT(`Give "${name}" once`);
  return value;
};

/**
 * `GET /expenses/reports/:departmentId.csv?from=YYYY-MM&to=YYYY-MM[&statuses=APPROVED,PAID]`: a department's
 * expense report as a CSV download, for finance and corp-wide readers (the gateway forwards `/expenses`).
 */
export function reportRoutes(router: Router, kit: RouteKit<ExpensesLoaders, ExpensesServices>): void {
  router.get('/expenses/reports/:departmentId.csv', async (req, res) => {
    const context = await kit.context(req);
    const fromMonth = single(req.query.from, 'from');
    const toMonth = single(req.query.to, 'to') ?? fromMonth;
    if (!fromMonth || !toMonth) throw errors.BAD_USER_INPUT('Give the months: ?from=YYYY-MM&to=YYYY-MM');
    const statuses = single(req.query.statuses, 'statuses')
      ?.split(',')
      .map((status) => status.trim())
      .filter(Boolean) as ClaimStatus[] | undefined;
    const { departmentId } = req.params;
    const report = await departmentReport(context, { departmentId, fromMonth, toMonth, statuses });
    sendCsv(res, `expenses-${departmentId}-${fromMonth}-${toMonth}.csv`, report.csv);
  });
}
