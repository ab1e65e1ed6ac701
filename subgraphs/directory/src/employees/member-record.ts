import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Connection, paginate, type Page, type PageArgs } from '@corphub/module-kit';
import { Employee, EmployeeTag, Membership } from './employee.entity';
import { EMPLOYEE_ORDER } from './employee.connection';

@ObjectType({
  description:
    'A member of a department as modules read a whole department at once: flat values only (department ids, tag names), so a page costs the directory one statement for the people, one for their departments and one for their tags, and no per-member objects.',
})
export class MemberRecord {
  @Field(() => ID, { description: 'The person’s UnionID.' })
  unionId!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => LocalDateResolver, { description: 'First working day.' })
  joinedAt!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last working day, once offboarded.' })
  leftAt!: string | null;

  @Field(() => [ID], { description: 'The ids of every department they belong to, the primary one first (as `Employee.departments`). Ancestors are not listed: read the tree once (`departments { id parent { id } }`).' })
  departmentIds!: string[];

  @Field(() => [String], { description: 'The names of their tags, by name (as `Employee.tags`).' })
  tagNames!: string[];
}

@ObjectType()
export class MemberRecordConnection extends Connection(MemberRecord) {}

/** Rows of one statement grouped by the employee key they name, in `keys` order. */
function groupedBy(keys: readonly string[], rows: readonly { employee: string; value: string }[]): string[][] {
  const groups = new Map<string, string[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(row.employee)?.push(row.value);
  return keys.map((key) => groups.get(key)!);
}

/**
 * A page of members as records: the employees read outside the unit of work (`readOnly`), then their
 * departments and their tags as plain column values, one statement each whatever the page's size. The corp
 * and people-scope filters apply to every statement, as in `em.find`.
 */
export async function memberRecords(em: EntityManager, where: FilterQuery<Employee>, page: PageArgs): Promise<Page<MemberRecord>> {
  const employees = await paginate(em, Employee, where, page, EMPLOYEE_ORDER, { readOnly: true });
  const keys = employees.nodes.map((employee) => employee.key);
  const sql = em as SqlEntityManager;
  const read = async (query: { applyFilters(): Promise<void>; execute<R>(method: 'all', mapResults: boolean): Promise<R> }) => {
    await query.applyFilters();
    return query.execute<{ employee: string; value: string }[]>('all', false);
  };
  const [departments, tags] = keys.length
    ? await Promise.all([
        read(
          sql
            .createQueryBuilder(Membership, 'm')
            .select(['m.employee_key as employee', 'd.id as value'])
            .join('m.department', 'd')
            .where({ employee: { $in: keys } })
            .orderBy({ primary: 'desc', department: { name: 'asc' } }),
        ),
        read(
          sql
            .createQueryBuilder(EmployeeTag, 'l')
            .select(['l.employee_key as employee', 't.name as value'])
            .join('l.tag', 't')
            .where({ employee: { $in: keys } })
            .orderBy({ tag: { name: 'asc' } }),
        ),
      ])
    : [[], []];
  const departmentIds = groupedBy(keys, departments);
  const tagNames = groupedBy(keys, tags);
  const nodes = employees.nodes.map((employee, i) => ({
    unionId: employee.unionId,
    displayName: employee.displayName,
    joinedAt: employee.joinedAt,
    leftAt: employee.leftAt ?? null,
    departmentIds: departmentIds[i],
    tagNames: tagNames[i],
  }));
  // the employees' page keeps its cursors and its count; edges pair them with the records
  return {
    nodes,
    get edges() {
      return employees.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i] }));
    },
    pageInfo: employees.pageInfo,
    get totalCount() {
      return employees.totalCount;
    },
  };
}
