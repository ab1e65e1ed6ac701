import DataLoader from 'dataloader';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { raw } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Connection, corpIdOf, Money, paginateByKey, singleTotal, totalsByCurrency, type Page } from '@corphub/module-kit';
import { Field, ObjectType } from 'type-graphql';
import { ExpenseClaim, LineItem, type ClaimStatus } from './claim.entity';

@ObjectType({ description: 'Claims with the totals of the whole filtered set (all pages).' })
export class ExpenseClaimConnection extends Connection(ExpenseClaim) {
  @Field(() => Money, { nullable: true, description: 'The sum over every matching claim when they all use one currency; null when mixed or none.' })
  total!: Money | null;

  @Field(() => [Money], { description: 'Sums per currency over every matching claim, by currency code; never converted.' })
  totals!: Money[];
}

export interface ClaimsQuery {
  unionId: string;
  status?: ClaimStatus | null;
  from?: Date | null;
  to?: Date | null;
  first: number;
  after?: string | null;
}

export interface ClaimsPage extends Page<ExpenseClaim> {
  total: Promise<Money | null>;
  totals: Promise<Money[]>;
}

/**
 * `Employee.expenseClaims` for many employees at once, paged in SQL: per distinct filter and page, one
 * statement for every employee's page (keyset, `row_number()` per claimant), and only when selected one
 * grouped count and one aggregate for the totals over the whole filtered set — whatever the number of
 * employees (a dashboard asks for 500).
 */
export function claimsOfEmployees(em: EntityManager): DataLoader<string, ClaimsPage> {
  return new DataLoader<string, ClaimsPage>(async (keys) => {
    const queries = keys.map((key) => JSON.parse(key) as ClaimsQuery);
    const groups = new Map<string, number[]>();
    queries.forEach((query, index) => {
      const signature = JSON.stringify({ ...query, unionId: undefined });
      groups.set(signature, [...(groups.get(signature) ?? []), index]);
    });
    const answers = new Array<ClaimsPage>(keys.length);
    for (const indexes of groups.values()) {
      const { status, from, to, first, after } = queries[indexes[0]];
      const unionIds = [...new Set(indexes.map((index) => queries[index].unionId))];
      const where: FilterQuery<ExpenseClaim> = {};
      if (status) where.status = status;
      if (from || to) where.createdAt = { ...(from ? { $gte: new Date(from) } : {}), ...(to ? { $lt: new Date(to) } : {}) };
      const pages = await paginateByKey(em, ExpenseClaim, 'claimantUnionId', unionIds, where, { first, after: after ?? undefined }, [
        ['createdAt', 'desc'],
        ['id', 'desc'],
      ]);
      const byUnionId = new Map(unionIds.map((unionId, i) => [unionId, pages[i]]));
      let sums: Promise<{ unionId: string; currency: string; amountMinor: number }[]> | undefined;
      const totalsOf = async (unionId: string) => {
        sums ??= sumsByClaimant(em, { ...where, claimantUnionId: { $in: unionIds } });
        return totalsByCurrency((await sums).filter((row) => row.unionId === unionId));
      };
      for (const index of indexes) {
        const { unionId } = queries[index];
        const page = byUnionId.get(unionId)!;
        let totals: Promise<Money[]> | undefined;
        answers[index] = {
          get edges() {
            return page.edges;
          },
          nodes: page.nodes,
          pageInfo: page.pageInfo,
          get totalCount() {
            return page.totalCount;
          },
          // summed only when a client selects them
          get totals() {
            totals ??= totalsOf(unionId);
            return totals;
          },
          get total() {
            return this.totals.then(singleTotal);
          },
        };
      }
    }
    return answers;
  });
}

/** One aggregate statement: the line items' sums per claimant and currency over the claims matching `where`. */
async function sumsByClaimant(em: EntityManager, where: FilterQuery<ExpenseClaim>): Promise<{ unionId: string; currency: string; amountMinor: number }[]> {
  const rows = await (em as SqlEntityManager)
    .createQueryBuilder(LineItem, 'li')
    .select(['c.claimant_union_id as union_id', 'li.amount_currency as currency'])
    .addSelect(raw('sum(li.amount_amount_minor) as amount_minor'))
    .join('li.claim', 'c')
    // a query builder skips the ORM's filters: the corp condition is the one the filter would add
    .where({ corpId: corpIdOf(em), claim: where as never })
    .groupBy(['c.claimant_union_id', 'li.amount_currency'])
    .execute<{ union_id: string; currency: string; amount_minor: string | number }[]>('all', false);
  return rows.map((row) => ({ unionId: row.union_id, currency: row.currency, amountMinor: Number(BigInt(String(row.amount_minor))) }));
}
