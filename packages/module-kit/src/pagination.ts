import { raw, type EntityManager, type EntityName, type FilterOptions, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { errors } from './errors';

export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many items to return (1–${MAX_PAGE_SIZE}).` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (an endCursor from a previous page).' })
  @IsOptional()
  after?: string;
}

// every subgraph with a connection resolves PageInfo itself: shareable, or the second one fails composition
@ObjectType({ description: 'Relay page information (the Relay cursor connections spec).' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean, {
    description:
      'Whether edges come before this page. Pages here are read forwards (`first`, `after`), and then the spec lets it be false unless that is cheap to know: it is always false, as telling would cost a query.',
  })
  hasPreviousPage!: boolean;

  @Field(() => Boolean, { description: 'Whether more edges follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null when the page is empty." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor, to pass as `after` for the next page; null when the page is empty." })
  endCursor!: string | null;
}

export interface Page<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: Promise<number>;
}

/** A Relay connection type for `Node`: `edges { cursor node }`, `nodes`, `pageInfo`, `totalCount`. */
export function Connection<T extends object>(Node: ClassType<T>, name = Node.name) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => Node)
    node!: T;
  }

  // named by the subclass: `@ObjectType() class PersonConnection extends Connection(Person) {}`
  @ObjectType()
  abstract class ConnectionType implements Page<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [Node], { description: 'The nodes of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match, over all pages.' })
    totalCount!: Promise<number>;
  }
  return ConnectionType;
}

export type SortDirection = 'asc' | 'desc';
/** Sort keys, most significant first; the last one must be unique (usually the primary key). */
export type SortKeys<T> = readonly (readonly [keyof T & string, SortDirection])[];

type CursorValue = string | number | { d: string };

/** The cursor `paginate` hands out for a row's sort-key values (for connections a subgraph assembles itself). */
export function encodeCursor(values: unknown[]): string {
  const encoded: CursorValue[] = values.map((value) => (value instanceof Date ? { d: value.toISOString() } : (value as string | number)));
  return Buffer.from(JSON.stringify(encoded)).toString('base64url');
}

/** The cursor of a row: its sort-key values, as `paginate` hands them out. */
function sortCursor<T>(sort: SortKeys<T>): (node: T) => string {
  return (node) => encodeCursor(sort.map(([field]) => node[field]));
}

/**
 * A page from `rows` read one past `first` (so `hasNextPage` needs no count). Edges, and a cursor for each,
 * are made only when a client selects `edges`, and `startCursor`/`endCursor` only when selected (a client reading
 * `nodes` pays for no cursor it does not ask for); `totalCount` is counted only when selected.
 */
export function pageOf<T>(rows: readonly T[], first: number, cursorOf: (node: T) => string, count: () => Promise<number>): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  let edges: Page<T>['edges'] | undefined;
  let total: Promise<number> | undefined;
  return {
    nodes,
    get edges() {
      edges ??= nodes.map((node) => ({ node, cursor: cursorOf(node) }));
      return edges;
    },
    pageInfo: {
      hasPreviousPage: false,
      hasNextPage: rows.length > first,
      get startCursor() {
        return nodes.length === 0 ? null : cursorOf(nodes[0]);
      },
      get endCursor() {
        return last === undefined ? null : cursorOf(last);
      },
    },
    get totalCount() {
      total ??= count();
      return total;
    },
  };
}

/** The sort-key values of a cursor from `encodeCursor`; BAD_USER_INPUT when it is not one of `length` values. */
export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorValue[];
    if (!Array.isArray(values) || values.length !== length) throw new Error('wrong length');
    return values.map((value) => (typeof value === 'object' && value !== null && 'd' in value ? new Date(value.d) : value));
  } catch {
    throw errors.BAD_USER_INPUT(`Invalid cursor "${cursor}": pass an endCursor from a previous page`);
  }
}

/**
 * The rows that come after a cursor in the `sort` order. When every key sorts the same way, a row-value
 * comparison, `(a, b) > (x, y)`: SQLite and PostgreSQL seek it in an index on the sort keys and read just the
 * page, where the equivalent `(a > x) or (a = x and b > y)` is read from the start of the index (a random page
 * of 10,000 people read half of them). Mixed directions keep that expanded form.
 */
function afterCursor<T extends object>(em: EntityManager, entity: EntityName<T>, sort: SortKeys<T>, after: string): FilterQuery<T> {
  const values = decodeCursor(after, sort.length);
  if (sort.length > 1 && sort.every(([, direction]) => direction === sort[0][1])) {
    const meta = em.getMetadata().get(entity as string);
    const platform = em.getPlatform();
    const columns = sort.map(([field]) => meta.properties[field].fieldNames[0]);
    const comparison = sort[0][1] === 'asc' ? '>' : '<';
    // stored as the ORM stores them (SQLite keeps dates as epoch milliseconds)
    const parameters = values.map((value) => platform.processDateProperty(value));
    const fragment = raw<T, string>(
      (alias) => `(${columns.map((column) => `${alias}.${platform.quoteIdentifier(column)}`).join(', ')}) ${comparison} (${columns.map(() => '?').join(', ')})`,
      parameters,
    );
    return { [fragment]: [] } as FilterQuery<T>;
  }
  return {
    $or: sort.map(([field, direction], i) => ({
      ...Object.fromEntries(sort.slice(0, i).map(([previous], j) => [previous, values[j]])),
      [field]: { [direction === 'asc' ? '$gt' : '$lt']: values[i] },
    })),
  } as FilterQuery<T>;
}

/**
 * Rows of `entity` as instances of its class that the entity manager does not track: no identity map, no
 * change-tracking accessors, no snapshot for a later flush. Creating managed entities took 11–16% of a
 * subgraph's time on a page of 50 people, as much as the SQLite driver did; a page nobody changes in this
 * request needs none of it. The corp and app-scope filters apply as in `em.find`.
 */
export async function findReadOnly<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { orderBy, limit, filters }: { orderBy: SortKeys<T>; limit: number; filters?: FilterOptions },
): Promise<T[]> {
  const qb = (em as SqlEntityManager)
    .createQueryBuilder(entity)
    .select('*')
    .where(where)
    .orderBy(Object.fromEntries(orderBy))
    .limit(limit);
  await qb.applyFilters(filters);
  const rows = await qb.execute<Record<string, unknown>[]>('all', true);
  // the rows are new objects: given the class's prototype, their own data properties shadow the prototype's
  // accessors (assigning through those would make each a managed-looking entity: a WrappedEntity apiece)
  const prototype = em.getMetadata().get(entity as string).prototype as object;
  return rows.map((row) => Object.setPrototypeOf(row, prototype) as T);
}

export interface PaginateOptions {
  /**
   * The page's rows are only read in this request (a list query): they come as `findReadOnly` gives them,
   * instances of the entity class outside the unit of work. Only for entities whose GraphQL fields read
   * their own columns (no relations or collections to load from them).
   */
  readOnly?: boolean;
  /** Default filters to turn off or on, as in `em.find` (`{ corp: false }`: a platform-wide read). */
  filters?: FilterOptions;
}

/**
 * Keyset pagination: one SQL statement for the page (plus one for `totalCount`, only when asked),
 * stable when rows are inserted between pages.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { first, after }: PageArgs,
  sort: SortKeys<T>,
  { readOnly = false, filters }: PaginateOptions = {},
): Promise<Page<T>> {
  const cond = after ? ({ $and: [where, afterCursor(em, entity, sort, after)] } as FilterQuery<T>) : where;
  const rows = readOnly
    ? await findReadOnly(em, entity, cond, { orderBy: sort, limit: first + 1, filters })
    : await em.find(entity, cond, { orderBy: Object.fromEntries(sort) as never, limit: first + 1, filters });
  return pageOf(rows, first, sortCursor(sort), () => em.count(entity, where, { filters }));
}

/**
 * Keyset pages of many parents at once (a connection field on each of 50 employees): the first `first`
 * rows per value of `groupBy` after the cursor, in ONE statement whatever the number of parents
 * (`row_number() over (partition by <groupBy> order by <sort>)`), and the `totalCount`s in one grouped
 * count, only when a client selects it. Pages are in `keys` order; cursors are the ones `paginate` hands out.
 * Default filters (the corp) apply as in `em.find`.
 */
export async function paginateByKey<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  groupBy: keyof T & string,
  keys: readonly string[],
  where: FilterQuery<T>,
  { first, after }: PageArgs,
  sort: SortKeys<T>,
): Promise<Page<T>[]> {
  if (!keys.length) return [];
  const sql = em as SqlEntityManager;
  const meta = em.getMetadata().get(entity as string);
  const column = (field: string) => meta.properties[field].fieldNames[0];
  const scoped = { $and: [where, { [groupBy]: { $in: [...keys] } }] } as FilterQuery<T>;
  const cond = after ? ({ $and: [scoped, afterCursor(em, entity, sort, after)] } as FilterQuery<T>) : scoped;
  const order = sort.map(([field, direction]) => `r.${column(field)} ${direction}`).join(', ');
  const ranked = sql
    .createQueryBuilder(entity, 'r')
    .select(['r.*', raw(`row_number() over (partition by r.${column(groupBy)} order by ${order}) as rn__`)])
    .where(cond);
  await ranked.applyFilters();
  const query = sql
    .getKnex()
    .select('*')
    .from(ranked.getKnexQuery().as('ranked'))
    .where('rn__', '<=', first + 1)
    .orderBy([{ column: column(groupBy) }, { column: 'rn__' }]);
  const rows = (await sql.getConnection().execute<Record<string, unknown>[]>(query)).map(({ rn__: _rank, ...row }) => em.map(entity, row as never));
  const groups = new Map<unknown, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(row[groupBy])?.push(row);
  let counts: Promise<Map<unknown, number>> | undefined;
  const countOf = async (key: string) => {
    counts ??= (async () => {
      const qb = sql
        .createQueryBuilder(entity, 'r')
        .select([`r.${column(groupBy)} as key__`, raw('count(*) as n__')])
        .where(scoped)
        .groupBy(`r.${column(groupBy)}`);
      await qb.applyFilters();
      const found = await qb.execute<{ key__: unknown; n__: number | string }[]>('all', false);
      return new Map(found.map((row) => [row.key__, Number(row.n__)]));
    })();
    return (await counts).get(key) ?? 0;
  };
  const cursorOf = sortCursor(sort);
  return keys.map((key) => pageOf(groups.get(key) ?? [], first, cursorOf, () => countOf(key)));
}
