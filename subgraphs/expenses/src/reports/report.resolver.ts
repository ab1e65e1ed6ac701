import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { ReportArgs } from './report.inputs';
import { ExpenseReport } from './report.types';
import { departmentReport } from './report.service';
import type { ExpensesContext } from '../context';

@Resolver()
export class ReportResolver {
  @Query(() => ExpenseReport, { description: 'Corp-wide readers and finance: a department’s expenses per month, category and currency. The CSV is also a download: GET /expenses/reports/{departmentId}.csv?from=YYYY-MM&to=YYYY-MM.' })
  expenseReport(@Args() args: ReportArgs, @Ctx() ctx: ExpensesContext): Promise<ExpenseReport> {
    return departmentReport(ctx, args);
  }
}
