import { seedCorp, startTestHub, type SeededCorp, type TestHub, createDepartments } from '@corphub/tooling/testing';
import { scopeToCorp } from '@corphub/module-kit';
import { Department, Employee, Membership, Tag, EmployeeTag } from '@corphub/directory';
import type { GraphQLResponse } from '@corphub/module-kit/testing';
import { letTimersRun } from '@corphub/module-kit/testing';

const MEMBERS = `query($first: Int!) {
  department(id: "sales") {
    members(first: $first, includeSubdepartments: true) {
      totalCount
      edges { node {
        unionId displayName title phone
        manager { displayName department { id } }
        managers { unionId }
        department { id name parent { id } }
        departments { id }
        directReports { unionId }
        tags { name }
      } }
    }
  }
}`;

/** A member as `members` gives it, in the shape of its `memberRecords` record. */
const asRecord = ({ departments, tags, ...node }: { departments: { id: string }[]; tags: { name: string }[] }) => ({
  ...node,
  departmentIds: departments.map((department) => department.id),
  tagNames: tags.map((tag) => tag.name),
});

const SEARCH = `query($first: Int!) { employees(filter: { query: "member" }, first: $first) { totalCount nodes { displayName manager { displayName } department { id ancestors { id } } tags { name } } } }`;

describe('directory: SQL statements do not grow with the page size', () => {
  let hub: TestHub;
  let a: SeededCorp;

  beforeAll(async () => {
    hub = await startTestHub({ label: 'directory_batching' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    await createDepartments(hub, a, [
      ['sales', 'Sales', null],
      ['north', 'North', 'sales'],
      ['south', 'South', 'sales'],
    ]);
    // 600 members written straight through the ORM (the graph would take minutes): ten managers, each over 59 others
    const em = scopeToCorp(hub.subgraphs.directory.orm.em.fork(), 'corp-a');
    await em.transactional(async (tx) => {
      const [north, south] = await Promise.all([tx.findOneOrFail(Department, { id: 'north' }), tx.findOneOrFail(Department, { id: 'south' })]);
      const tag = new Tag('sales-team');
      tx.persist(tag);
      let manager: Employee | undefined;
      for (let i = 0; i < 600; i++) {
        const employee = new Employee(`un_member${String(i).padStart(4, '0')}`, `Member ${String(i).padStart(4, '0')}`, '2025-01-01');
        employee.phone = '+1 555 0100';
        employee.refreshSearchText();
        if (i % 60 === 0) manager = employee;
        else employee.manager = tx.getReference(Employee, manager!.key, { wrapped: true });
        tx.persist(employee);
        tx.persist(new Membership(tx.getReference(Employee, employee.key, { wrapped: true }), tx.getReference(Department, (i % 2 ? north : south).key, { wrapped: true }), true));
        if (i % 3 === 0) tx.persist(new EmployeeTag(tx.getReference(Employee, employee.key, { wrapped: true }), tx.getReference(Tag, tag.key, { wrapped: true })));
      }
    });
    await letTimersRun();
  });
  afterAll(() => hub?.stop());

  const statementsFor = async (query: string, first: number) => {
    let response: GraphQLResponse | undefined;
    const counts = await hub.queries.during(async () => {
      response = await hub.request(query, { token: a.adminToken, variables: { first } });
    });
    expect(response?.errors).toBeUndefined();
    return { statements: counts.directory, response: response! };
  };

  it('department(id).members(first: 500) with managers and departments runs the statements of first: 50', async () => {
    const small = await statementsFor(MEMBERS, 50);
    const large = await statementsFor(MEMBERS, 500);
    expect(small.response.data!.department.members.edges).toHaveLength(50);
    expect(large.response.data!.department.members.edges).toHaveLength(500);
    expect(large.response.data!.department.members.totalCount).toBe(600);
    expect(large.response.data!.department.members.edges[1].node).toMatchObject({ manager: { displayName: 'Member 0000', department: { id: 'south' } }, department: { parent: { id: 'sales' } } });
    expect(large.response.data!.department.members.edges[1].node.managers[0]).toEqual({ unionId: 'un_member0000' });
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });

  it('memberRecords(first: 2000) runs the statements of first: 50, and says what members says', async () => {
    const records = `query($first: Int!) { department(id: "sales") { memberRecords(first: $first, includeSubdepartments: true) { totalCount nodes { unionId displayName joinedAt leftAt departmentIds tagNames } } } }`;
    const small = await statementsFor(records, 50);
    const large = await statementsFor(records, 2000);
    expect(small.response.data!.department.memberRecords.nodes).toHaveLength(50);
    expect(large.response.data!.department.memberRecords.nodes).toHaveLength(600);
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
    const members = await statementsFor(`query($first: Int!) { department(id: "sales") { members(first: $first, includeSubdepartments: true) { nodes { unionId displayName joinedAt leftAt departments { id } tags { name } } } } }`, 500);
    const asRecords = members.response.data!.department.members.nodes.map(asRecord);
    expect(large.response.data!.department.memberRecords.nodes.slice(0, 500)).toEqual(asRecords);
    expect(asRecords[0]).toEqual({ unionId: 'un_member0000', displayName: 'Member 0000', joinedAt: '2025-01-01', leftAt: null, departmentIds: ['south'], tagNames: ['sales-team'] });
  });

  it('a search page of 500 runs the statements of a page of 50', async () => {
    const small = await statementsFor(SEARCH, 50);
    const large = await statementsFor(SEARCH, 500);
    expect(large.response.data!.employees.nodes).toHaveLength(500);
    expect(large.statements).toBe(small.statements);
  });
});
