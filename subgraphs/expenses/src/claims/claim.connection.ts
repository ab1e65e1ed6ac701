import DataLoader from 'dataloader';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { raw } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Connection, corpIdOf, errors, Money, singleTotal, totalsByCurrency } from '@corphub/shared';
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

export interface ClaimsPage {
  edges: { cursor: string; node: ExpenseClaim }[];
  nodes: ExpenseClaim[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  total: Money | null;
  totals: Money[];
}

const cursorOf = (claim: ExpenseClaim) => Buffer.from(JSON.stringify([claim.createdAt.toISOString(), claim.id])).toString('base64url');

function decode(after: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return value as [string, string];
  } catch {
    // answered below
  }
  throw errors.BAD_USER_INPUT(`Invalid cursor "${after}": pass an endCursor from a previous page`);
}

/** Newest first: a claim comes after the cursor when it is older, or as old with a smaller id. */
const isAfter = (claim: ExpenseClaim, [at, id]: [string, string]) => {
  const time = claim.createdAt.toISOString();
  return time < at || (time === at && claim.id < id);
};

/**
 * `Employee.expenseClaims` for many employees at once: per distinct filter, one statement for the claims
 * and one aggregate statement for the totals, whatever the number of employees (a dashboard asks for 500).
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
      const where: FilterQuery<ExpenseClaim> = { claimantUnionId: { $in: unionIds } };
      if (status) where.status = status;
      if (from || to) where.createdAt = { ...(from ? { $gte: new Date(from) } : {}), ...(to ? { $lt: new Date(to) } : {}) };
      const rows = await em.find(ExpenseClaim, where, { orderBy: { createdAt: 'desc', id: 'desc' } });
      const sums = await sumsByClaimant(em, where);
      const cursor = after ? decode(after) : null;
      for (const index of indexes) {
        const { unionId } = queries[index];
        const mine = rows.filter((claim) => claim.claimantUnionId === unionId);
        const rest = cursor ? mine.filter((claim) => isAfter(claim, cursor)) : mine;
        const nodes = rest.slice(0, first);
        const edges = nodes.map((node) => ({ node, cursor: cursorOf(node) }));
        const totals = totalsByCurrency(sums.filter((row) => row.unionId === unionId));
        answers[index] = {
          edges,
          nodes,
          pageInfo: { hasNextPage: rest.length > first, endCursor: edges.at(-1)?.cursor ?? null },
          totalCount: mine.length,
          totals,
          total: singleTotal(totals),
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
