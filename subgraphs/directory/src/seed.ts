import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { insertEntities, scopeToCorp, type BenchmarkCorp } from '@corphub/module-kit';
import { DEMO, DEMO_ORG, DEMO_PEOPLE } from '@corphub/demo';
import { Department } from './departments/department.entity';
import { createDepartment, newDepartment } from './departments/department.tree';
import { Employee, EmployeeTag, Membership } from './employees/employee.entity';
import { assignTag, setDepartments } from './employees/employee.service';
import { Tag } from './tags/tag.entity';

/** The demo tree: [id, name, parent]. Parents come before their children. */
const DEMO_DEPARTMENTS: [string, string, string | null][] = [
  ['management', 'Management', null],
  ['sales', 'Sales', null],
  ['sales-north', 'Sales North', 'sales'],
  ['sales-south', 'Sales South', 'sales'],
  ['engineering', 'Engineering', null],
  ['platform', 'Platform', 'engineering'],
  ['mobile', 'Mobile', 'engineering'],
  ['finance', 'Finance', null],
  ['accounting', 'Accounting', 'finance'],
];

const DEMO_TAGS = ['leadership', 'finance', 'first-aider', 'on-call', 'intern'];

/** The demo org chart lives in @corphub/demo, so modules seed data that follows it (claims up the manager chain). */
const DEMO_EMPLOYEES = DEMO_ORG;

async function seedTree(em: EntityManager): Promise<void> {
  for (const [order, [id, name, parentId]] of DEMO_DEPARTMENTS.entries()) {
    if (await em.count(Department, { id })) continue;
    const parent = parentId ? await em.findOneOrFail(Department, { id: parentId }) : null;
    await createDepartment(em, id, name, parent, order);
  }
  for (const name of DEMO_TAGS) if (!(await em.count(Tag, { name }))) em.persist(new Tag(name));
  await em.flush();
}

/** Idempotent: on every `npm start`, writes only what is missing (the people come from identity's seed). */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  await em.transactional(async (tx) => {
    await seedTree(tx);
    const byEmail = new Map<string, Employee>();
    for (const [index, person] of DEMO_PEOPLE.entries()) {
      const [title, departments, , tags] = DEMO_EMPLOYEES[person.email] ?? ['Employee', [], null, []];
      let employee = await tx.findOne(Employee, { unionId: person.unionId });
      if (!employee) {
        employee = new Employee(person.unionId, person.displayName, '2024-01-02');
        Object.assign(employee, { email: person.email, title, employeeNumber: `D${String(index + 1).padStart(4, '0')}` });
        employee.refreshSearchText();
        tx.persist(employee);
        await tx.flush();
        await setDepartments(tx, employee, departments);
        for (const name of tags) await assignTag(tx, employee, await tx.findOneOrFail(Tag, { name }));
      }
      byEmail.set(person.email, employee);
    }
    for (const [email, employee] of byEmail) {
      const managerHandle = DEMO_EMPLOYEES[email]?.[2];
      const manager = managerHandle ? byEmail.get(`${managerHandle}@demo.example`) : undefined;
      if (manager && !employee.manager) employee.manager = tx.getReference(Employee, manager.key, { wrapped: true });
    }
  });
}

const BATCH = 2000;
const DIVISIONS = 8;
const TEAMS_PER_DIVISION = 6;
/** The root department above the divisions: the whole corp's month is asked of it (the bench times it). */
export const BENCH_ROOT_DEPARTMENT = 'corp';

/**
 * `npm run seed`: a large corp for benchmarks, in one transaction. The tree: the whole corp ('corp', where the
 * CEO sits), 8 divisions under it, 6 teams under each. The first person is the CEO, the next ones head the
 * divisions and lead the teams, everyone else joins a team under its lead; every seventh person is tagged.
 */
export async function seedBenchmark(orm: MikroORM, { corpId, people }: BenchmarkCorp): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), corpId);
  if (await em.count(Employee, {})) throw new Error(`Corp "${corpId}" already has employees in the directory: pick another --corp`);
  await em.transactional(async (tx) => {
    // the tree in one go (the corp has none yet): the root, each division with its closure rows, then its teams
    const teams: Department[] = [];
    const divisions: Department[] = [];
    const root = newDepartment(tx, BENCH_ROOT_DEPARTMENT, 'Whole corp', null, [], 0);
    const tree: object[] = [root.department, ...root.links];
    for (let d = 1; d <= DIVISIONS; d++) {
      const division = newDepartment(tx, `division-${d}`, `Division ${d}`, root.department, root.links, d);
      divisions.push(division.department);
      tree.push(division.department, ...division.links);
      for (let t = 1; t <= TEAMS_PER_DIVISION; t++) {
        const team = newDepartment(tx, `team-${d}-${t}`, `Team ${d}.${t}`, division.department, division.links, t);
        teams.push(team.department);
        tree.push(team.department, ...team.links);
      }
    }
    const tag = new Tag('bench');
    await insertEntities(tx, [...tree, tag]);
    const tagRef = tx.getReference(Tag, tag.key, { wrapped: true });
    const managerKeys: string[] = [];
    for (let start = 0; start < people.length; start += BATCH) {
      const rows: object[] = [];
      for (const [offset, person] of people.slice(start, start + BATCH).entries()) {
        const index = start + offset;
        const employee = new Employee(person.unionId, person.displayName, '2024-01-02');
        Object.assign(employee, { email: person.email, employeeNumber: `B${String(index + 1).padStart(6, '0')}`, title: 'Employee' });
        // 0: the CEO; then division heads; then team leads; then everyone else
        let department: Department;
        let managerKey: string | undefined;
        if (index === 0) {
          department = root.department;
          employee.title = 'Chief Executive Officer';
        } else if (index <= DIVISIONS) {
          department = divisions[index - 1];
          managerKey = managerKeys[0];
          employee.title = 'Head of Division';
        } else if (index <= DIVISIONS + teams.length) {
          const team = index - DIVISIONS - 1;
          department = teams[team];
          managerKey = managerKeys[1 + Math.floor(team / TEAMS_PER_DIVISION)];
          employee.title = 'Team Lead';
        } else {
          const team = index % teams.length;
          department = teams[team];
          managerKey = managerKeys[1 + DIVISIONS + team];
        }
        employee.refreshSearchText();
        // managers come first in `people`: written in an earlier statement, or earlier in this one
        if (managerKey) employee.manager = tx.getReference(Employee, managerKey, { wrapped: true });
        if (index <= DIVISIONS + teams.length) managerKeys.push(employee.key);
        const self = tx.getReference(Employee, employee.key, { wrapped: true });
        rows.push(employee, new Membership(self, tx.getReference(Department, department.key, { wrapped: true }), true));
        if (index % 7 === 0) rows.push(new EmployeeTag(self, tagRef));
      }
      await insertEntities(tx, rows);
    }
  });
}
