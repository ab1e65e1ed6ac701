import { benchmarkPeople } from '@corphub/tooling';
import { startTestHub, type TestHub } from '@corphub/tooling/testing';
import { identity } from '@corphub/identity';
import { directory } from '@corphub/directory';
import { attendance, CheckIn } from '@corphub/attendance';
import { scopeToCorp } from '@corphub/module-kit';
import { DEMO, DEMO_PEOPLE } from '@corphub/demo';
import { letTimersRun } from '@corphub/module-kit/testing';
import { resetClock, setNow } from './helpers';

describe('attendance seeds', () => {
  let hub: TestHub;
  const rowsIn = (corpId: string) => scopeToCorp(hub.subgraphs.attendance.orm.em.fork(), corpId).count(CheckIn, {});

  beforeAll(async () => {
    hub = await startTestHub({ label: 'attendance_seed' });
    setNow('2026-11-30T04:00:00Z'); // Monday 30 November, noon in Shanghai: seeds 31 Oct – 29 Nov
  });
  afterAll(async () => {
    resetClock();
    await hub?.stop();
  });

  it('seeds a month of demo check-ins once, and the README dashboard reads them', async () => {
    for (let run = 0; run < 2; run++) {
      await identity.seedDemo!(hub.subgraphs.identity.orm);
      await directory.seedDemo!(hub.subgraphs.directory.orm);
      await attendance.seedDemo!(hub.subgraphs.attendance.orm);
      if (run === 0) expect(await rowsIn(DEMO.corpId)).toBeGreaterThan(30 * 45);
    }
    const rows = await rowsIn(DEMO.corpId);
    await attendance.seedDemo!(hub.subgraphs.attendance.orm);
    expect(await rowsIn(DEMO.corpId)).toBe(rows);
    await letTimersRun();
    const token = await hub.token({ corp: DEMO.corpId });
    const response = await hub.request(
      `{
        department(id: "sales") { members(first: 50, includeSubdepartments: true) { nodes { displayName attendance(from: "2026-11-01", to: "2026-11-30") { workDays lateCount absentDays } } } }
        departmentAttendance(departmentId: "sales", month: "2026-11") { memberCount totals { workDays attendedDays lateCount absentDays missingCount fieldCount outOfRangeCount } }
      }`,
      { token },
    );
    expect(response.errors).toBeUndefined();
    const members = response.data!.department.members.nodes as { attendance: { workDays: number; lateCount: number; absentDays: number } }[];
    expect(members).toHaveLength(10);
    // 21 weekdays in November 2026 (no holidays in the demo rule)
    for (const member of members) expect(member.attendance.workDays).toBe(21);
    const { memberCount, totals } = response.data!.departmentAttendance;
    expect(memberCount).toBe(10);
    expect(totals.workDays).toBe(210);
    expect(totals.lateCount).toBe(members.reduce((sum, member) => sum + member.attendance.lateCount, 0));
    expect(totals.absentDays).toBe(members.reduce((sum, member) => sum + member.attendance.absentDays, 0));
    // the seed's mix: some late, some absent, some field days, some missing off-duty check-ins
    for (const count of ['lateCount', 'absentDays', 'fieldCount', 'missingCount', 'outOfRangeCount']) expect([count, totals[count] > 0]).toEqual([count, true]);
    expect(totals.attendedDays).toBeGreaterThan(totals.absentDays);
    // the demo rule follows the corp's 2026 calendar for CN: October's 22 weekdays less National Day's five, plus Saturday the 10th
    const october = await hub.request(`{ departmentAttendance(departmentId: "sales", month: "2026-10") { totals { workDays } } workCalendar(region: "CN", year: 2026) { date } }`, { token });
    expect(october.errors).toBeUndefined();
    expect(october.data!.departmentAttendance.totals.workDays).toBe(10 * 18);
    expect(october.data!.workCalendar).toHaveLength(39);
    // an approved day of annual leave (Friday 20 November) and a made-up off-duty check-in (Tuesday 24 November)
    const requests = await hub.request(
      `{ employeesByUnionIds(unionIds: ["${DEMO_PEOPLE[5].unionId}", "${DEMO_PEOPLE[6].unionId}"]) {
          displayName attendance(from: "2026-11-01", to: "2026-11-30") { leaveDays }
          leaveRequests(from: "2026-11-01", to: "2026-11-30") { type startDate endDate days status }
          makeUpRequests(from: "2026-11-01", to: "2026-11-30") { date type status }
          checkIns(from: "2026-11-24", to: "2026-11-24", first: 5) { nodes { type madeUp } }
          attendanceDays(from: "2026-11-20", to: "2026-11-20") { exceptions leaveMorning leaveAfternoon }
        }
        departmentAttendance(departmentId: "sales", month: "2026-11") { totals { leaveDays } } }`,
      { token },
    );
    expect(requests.errors).toBeUndefined();
    const [onLeave, madeUp] = requests.data!.employeesByUnionIds;
    expect(onLeave).toMatchObject({
      displayName: 'Liu Yang',
      attendance: { leaveDays: 1 },
      leaveRequests: [{ type: 'ANNUAL', startDate: '2026-11-20', endDate: '2026-11-20', days: 1, status: 'APPROVED' }],
      attendanceDays: [{ exceptions: [], leaveMorning: true, leaveAfternoon: true }],
    });
    expect(madeUp).toMatchObject({ displayName: 'Huang Lei', makeUpRequests: [{ date: '2026-11-24', type: 'OFF_DUTY', status: 'APPROVED' }] });
    expect(madeUp.checkIns.nodes).toContainEqual({ type: 'OFF_DUTY', madeUp: true });
    expect(requests.data!.departmentAttendance.totals.leaveDays).toBe(1);
  });

  it('seeds a benchmark corp in batches: about 40 check-ins per person', async () => {
    const corp = { corpId: 'bench', corpName: 'Bench', people: benchmarkPeople(200, 'bench') };
    await attendance.seedBenchmark!(hub.subgraphs.attendance.orm, corp);
    const rows = await rowsIn('bench');
    expect(rows).toBeGreaterThan(200 * 30);
    expect(rows).toBeLessThan(200 * 45);
    await expect(attendance.seedBenchmark!(hub.subgraphs.attendance.orm, corp)).rejects.toThrow(/already has attendance data/);
  });
});
