import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { scopeToCorp } from '@corphub/module-kit';
import { Department, Employee, Membership } from '@corphub/directory';
import { CheckIn, CheckInType, DayHalf, LeaveBalance, LeaveRequest, LeaveStatus, LeaveType } from '@corphub/attendance';
import type { GraphQLResponse } from '@corphub/module-kit/testing';

const PAGE = /* GraphQL */ `query($n: Int!, $first: Int!, $after: String) {
  department(id: "ops") {
    members(first: $n) {
      nodes {
        unionId
        checkIns(from: "2026-03-01", to: "2026-03-31", first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { id localDate type checkedAt exceptions }
        }
      }
    }
  }
}`;

interface Member {
  unionId: string;
  checkIns: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { localDate: string; type: string; checkedAt: string; exceptions: string[] }[] };
}

describe('attendance: Employee.checkIns is one statement for every member of a page', () => {
  let hub: TestHub;
  let a: SeededCorp;
  const people = Array.from({ length: 60 }, (_, i) => ({ unionId: `un_ops${String(i).padStart(3, '0')}`, displayName: `Ops ${String(i).padStart(3, '0')}` }));

  beforeAll(async () => {
    hub = await startTestHub({ label: 'attendance_batching', gateway: { limits: { maxCost: 1_000_000 } } });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    await hub.request(`mutation { createDepartment(input: { id: "ops", name: "Ops" }) { id } }`, { token: a.adminToken });
    // 60 members and their check-ins written straight through the ORMs (the graph would take minutes)
    const directory = scopeToCorp(hub.subgraphs.directory.orm.em.fork(), 'corp-a');
    await directory.transactional(async (tx) => {
      const ops = await tx.findOneOrFail(Department, { id: 'ops' });
      for (const person of people) {
        const employee = new Employee(person.unionId, person.displayName, '2025-01-01');
        employee.refreshSearchText();
        tx.persist(employee);
        tx.persist(new Membership(tx.getReference(Employee, employee.key, { wrapped: true }), tx.getReference(Department, ops.key, { wrapped: true }), true));
      }
    });
    // member i: i % 4 days of March with an on-duty and an off-duty check-in (member 3: three days, six check-ins)
    const attendance = scopeToCorp(hub.subgraphs.attendance.orm.em.fork(), 'corp-a');
    await attendance.transactional((tx) => {
      people.forEach((person, i) => {
        for (let day = 1; day <= i % 4; day++) {
          const date = `2026-03-0${day + 1}`;
          for (const [type, hour] of [
            [CheckInType.ON_DUTY, '01'],
            [CheckInType.OFF_DUTY, '10'],
          ] as const) {
            const row = new CheckIn(person.unionId, type, new Date(`${date}T${hour}:00:00Z`), { late: day === 2 && type === CheckInType.ON_DUTY, earlyLeave: false, outOfRange: false });
            row.localDate = date;
            tx.persist(row);
          }
        }
        // outside the range: never listed or counted
        const april = new CheckIn(person.unionId, CheckInType.ON_DUTY, new Date('2026-04-01T01:00:00Z'), { late: false, earlyLeave: false, outOfRange: false });
        april.localDate = '2026-04-01';
        tx.persist(april);
        // every fifth member: a day of approved sick leave, debited from their balance
        if (i % 5 === 0) {
          const day = { date: '2026-03-10', half: DayHalf.MORNING };
          const leave = new LeaveRequest(person.unionId, LeaveType.SICK, day, { ...day, half: DayHalf.AFTERNOON }, 2, 'flu');
          leave.status = LeaveStatus.APPROVED;
          const balance = new LeaveBalance(person.unionId, LeaveType.SICK, 2026);
          balance.usedHalfDays = 2;
          tx.persist([leave, balance]);
        }
      });
      return Promise.resolve();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await hub.request('{ __typename }').catch(() => undefined);
  });
  afterAll(() => hub?.stop());

  const run = async (n: number, first: number, after?: string | null) => {
    let response: GraphQLResponse | undefined;
    const counts = await hub.queries.during(async () => {
      response = await hub.request(PAGE, { token: a.adminToken, variables: { n, first, after } });
    });
    expect(response?.errors).toBeUndefined();
    return { statements: counts.attendance, members: response!.data!.department.members.nodes as Member[] };
  };

  it('runs the same statements for 1 and 50 members: one for the pages, one for the counts', async () => {
    const one = await run(1, 2);
    const fifty = await run(50, 2);
    expect(fifty.members).toHaveLength(50);
    expect(one.statements).toBe(2);
    expect(fifty.statements).toBe(one.statements);
  });

  it("reads the members' departments and tags (which choose their rule) from the directory in one call, whatever the page size", async () => {
    const summary = /* GraphQL */ `query($n: Int!) { department(id: "ops") { members(first: $n) { nodes { attendance(from: "2026-03-01", to: "2026-03-31") { lateCount } } } } }`;
    const statements = async (n: number) => {
      const counts = await hub.queries.during(async () => {
        const response = await hub.request(summary, { token: a.adminToken, variables: { n } });
        expect(response.errors).toBeUndefined();
        expect(response.data!.department.members.nodes).toHaveLength(n);
      });
      return { directory: counts.directory, attendance: counts.attendance };
    };
    const one = await statements(1);
    expect(await statements(50)).toEqual(one);
  });

  it("reads the dashboard's leave fields (summary, balances, requests, make-ups) of 1 or 50 members with the same statements", async () => {
    const dashboard = /* GraphQL */ `query($n: Int!) { department(id: "ops") { members(first: $n) { nodes { unionId
      attendance(from: "2026-03-01", to: "2026-03-31") { leaveDays absentDays }
      leaveBalances(year: 2026) { type usedDays availableDays }
      leaveRequests(from: "2026-03-01", to: "2026-03-31") { type days status }
      makeUpRequests(from: "2026-03-01", to: "2026-03-31") { status }
    } } } }`;
    const statements = async (n: number) => {
      let nodes: { unionId: string; leaveBalances: { type: string; usedDays: number; availableDays: number }[]; leaveRequests: unknown[] }[] = [];
      const counts = await hub.queries.during(async () => {
        const response = await hub.request(dashboard, { token: a.adminToken, variables: { n } });
        expect(response.errors).toBeUndefined();
        nodes = response.data!.department.members.nodes;
      });
      expect(nodes).toHaveLength(n);
      return { counts: counts.attendance, nodes };
    };
    const one = await statements(1);
    const fifty = await statements(50);
    // rules (no versions without any), the check-in aggregate, approved leave; policies, balances; requests; make-ups
    expect(one.counts).toBe(7);
    expect(fifty.counts).toBe(one.counts);
    const first = fifty.nodes.find((node) => node.unionId === 'un_ops000')!;
    expect(first.leaveRequests).toEqual([{ type: 'SICK', days: 1, status: 'APPROVED' }]);
    expect(first.leaveBalances.find((row) => row.type === 'SICK')).toEqual({ type: 'SICK', usedDays: 1, availableDays: 9 });
    expect(fifty.nodes.find((node) => node.unionId === 'un_ops001')!.leaveRequests).toEqual([]);
  });

  it('pages each member newest first, with their own cursor and count', async () => {
    const { members } = await run(50, 2);
    const byId = new Map(members.map((member) => [member.unionId, member.checkIns]));
    expect(byId.get('un_ops000')).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
    expect(byId.get('un_ops001')).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
    const three = byId.get('un_ops003')!;
    expect(three.totalCount).toBe(6);
    expect(three.pageInfo.hasNextPage).toBe(true);
    expect(three.nodes.map((node) => [node.localDate, node.type, node.checkedAt])).toEqual([
      ['2026-03-04', 'OFF_DUTY', '2026-03-04T10:00:00.000Z'],
      ['2026-03-04', 'ON_DUTY', '2026-03-04T01:00:00.000Z'],
    ]);
    // the next page of member 3, read alone with its cursor
    const next = await hub.request(`query($u: ID!, $after: String) { employee(unionId: $u) { checkIns(from: "2026-03-01", to: "2026-03-31", first: 3, after: $after) { pageInfo { hasNextPage } nodes { localDate type exceptions } } } }`, {
      token: a.adminToken,
      variables: { u: 'un_ops003', after: three.pageInfo.endCursor },
    });
    expect(next.errors).toBeUndefined();
    expect(next.data!.employee.checkIns).toEqual({
      pageInfo: { hasNextPage: true },
      nodes: [
        { localDate: '2026-03-03', type: 'OFF_DUTY', exceptions: [] },
        { localDate: '2026-03-03', type: 'ON_DUTY', exceptions: ['LATE'] },
        { localDate: '2026-03-02', type: 'OFF_DUTY', exceptions: [] },
      ],
    });
  });

  it('answers another corp nothing of these check-ins', async () => {
    const b = await seedCorp(hub, 'corp-b', ['Bea Admin']);
    const foreign = await hub.request(`{ employee(unionId: "un_ops003") { checkIns(from: "2026-03-01", to: "2026-03-31") { totalCount } } }`, { token: b.adminToken });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
