import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';
import { AT_OFFICE, SHANGHAI_SETTINGS, checkIn, createDepartments, createRule, hire, resetClock, setNow } from './helpers';

const SUMMARY = 'workDays attendedDays lateCount earlyLeaveCount absentDays missingCount fieldCount outOfRangeCount';
const summaryOf = (values: number[]) => Object.fromEntries(SUMMARY.split(' ').map((key, i) => [key, values[i]]));

describe('attendance: hire and leave dates', () => {
  let hub: TestHub;
  let a: SeededCorp;
  const ids: Record<string, string> = {};

  const attendance = (who: string, from = '2026-03-02', to = '2026-03-08') =>
    hub.request(`query($u: ID!, $f: LocalDate!, $t: LocalDate!) { employee(unionId: $u) { attendance(from: $f, to: $t) { ${SUMMARY} } } }`, {
      token: a.adminToken,
      variables: { u: ids[who], f: from, t: to },
    });

  beforeAll(async () => {
    hub = await startTestHub({ label: 'attendance_employment' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    await createDepartments(hub, a, [['ops', 'Ops', null]]);
    // Hana joins on Wednesday 4 March; Lou's last day is that same Wednesday
    ids.Hana = await hire(hub, a, 'Hana', { departmentIds: ['ops'], joinedAt: '2026-03-04' });
    ids.Lou = await hire(hub, a, 'Lou', { departmentIds: ['ops'] });
    setNow('2026-03-01T12:00:00Z');
    await createRule(hub, a, { name: 'Everyone', settings: SHANGHAI_SETTINGS });
    const hana = await hub.token({ corp: a.corpId, role: Role.EMPLOYEE, union: ids.Hana });
    setNow('2026-03-04T01:00:00Z');
    expect((await checkIn(hub, hana, { type: 'ON_DUTY', location: AT_OFFICE })).errors).toBeUndefined();
    setNow('2026-03-04T10:00:00Z');
    expect((await checkIn(hub, hana, { type: 'OFF_DUTY', location: AT_OFFICE })).errors).toBeUndefined();
    const left = await hub.request(`mutation($u: ID!) { offboardEmployee(unionId: $u, leftAt: "2026-03-04") { status } }`, { token: a.adminToken, variables: { u: ids.Lou } });
    expect(left.errors).toBeUndefined();
    setNow('2026-03-09T02:00:00Z'); // Monday 10:00 in Shanghai
  });
  afterAll(async () => {
    resetClock();
    await hub?.stop();
  });

  it('counts no work day and no absence before a mid-month hire joined', async () => {
    // work days 4–6 March; attended the 4th, absent the 5th and 6th
    expect((await attendance('Hana')).data!.employee.attendance).toEqual(summaryOf([3, 1, 0, 0, 2, 0, 0, 0]));
    const days = await hub.request(`query($u: ID!) { employee(unionId: $u) { attendanceDays(from: "2026-03-02", to: "2026-03-05") { date workDay exceptions } } }`, {
      token: a.adminToken,
      variables: { u: ids.Hana },
    });
    expect(days.data!.employee.attendanceDays).toEqual([
      { date: '2026-03-02', workDay: false, exceptions: [] },
      { date: '2026-03-03', workDay: false, exceptions: [] },
      { date: '2026-03-04', workDay: true, exceptions: [] },
      { date: '2026-03-05', workDay: true, exceptions: ['ABSENT'] },
    ]);
  });

  it('counts no work day and no absence after a mid-month leaver’s last day', async () => {
    // work days 2–4 March, absent on all three; nothing after the 4th
    expect((await attendance('Lou')).data!.employee.attendance).toEqual(summaryOf([3, 0, 0, 0, 3, 0, 0, 0]));
    expect((await attendance('Lou', '2026-03-05', '2026-03-31')).data!.employee.attendance).toEqual(summaryOf([0, 0, 0, 0, 0, 0, 0, 0]));
  });

  it('keeps the leaver in the department’s month up to their last day, in the summary and the CSV', async () => {
    const month = await hub.request(`{ departmentAttendance(departmentId: "ops", month: "2026-03") { memberCount totals { workDays absentDays } } }`, { token: a.adminToken });
    expect(month.errors).toBeUndefined();
    // Hana: 20 of March's 22 weekdays, absent 2; Lou: 3, absent 3
    expect(month.data!.departmentAttendance).toEqual({ memberCount: 2, totals: { workDays: 23, absentDays: 5 } });
    const csv = await hub.request(`{ departmentAttendanceCsv(departmentId: "ops", month: "2026-03") }`, { token: a.adminToken });
    expect(csv.data!.departmentAttendanceCsv.split('\r\n')).toEqual([
      'unionId,displayName,workDays,attendedDays,lateCount,earlyLeaveCount,absentDays,missingCount,fieldCount,outOfRangeCount,holidayDays,fieldDays,exceptionDays,leaveDays,exceptionCount',
      `${ids.Hana},Hana,20,1,0,0,2,0,0,0,0,0,2,0,2`,
      `${ids.Lou},Lou,3,0,0,0,3,0,0,0,0,0,3,0,3`,
      'TOTAL,Ops,23,1,0,0,5,0,0,0,0,0,5,0,5',
      '',
    ]);
    // April: Lou had left before it began
    const april = await hub.request(`{ departmentAttendance(departmentId: "ops", month: "2026-04") { memberCount } }`, { token: a.adminToken });
    expect(april.data!.departmentAttendance).toEqual({ memberCount: 1 });
  });

  it('lists former members of a department only to who may list former employees', async () => {
    const members = (token: string) => hub.request(`{ department(id: "ops") { members(first: 10, leftSince: "2026-03-01") { nodes { displayName status } } } }`, { token });
    expect((await members(a.adminToken)).data!.department.members.nodes).toEqual([
      { displayName: 'Hana', status: 'ACTIVE' },
      { displayName: 'Lou', status: 'LEFT' },
    ]);
    const hana = await hub.token({ corp: a.corpId, role: Role.EMPLOYEE, union: ids.Hana });
    expect(errorCodes(await members(hana))).toEqual(['FORBIDDEN']);
  });
});
