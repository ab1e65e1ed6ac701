import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';
import { AT_OFFICE, SHANGHAI_SETTINGS, checkIn, createDepartments, createRule, hire, resetClock, setNow } from './helpers';

const SUMMARY = 'workDays attendedDays lateCount earlyLeaveCount absentDays missingCount fieldCount outOfRangeCount';
const summaryOf = (values: number[]) => Object.fromEntries(SUMMARY.split(' ').map((key, i) => [key, values[i]]));

describe('attendance: daily, monthly and department summaries', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  const ids: Record<string, string> = {};
  const rules: Record<string, string> = {};
  const token: Record<string, string> = {};

  /** Checks a person in at a UTC instant. */
  const at = async (name: string, iso: string, type: string, location: Record<string, number> = AT_OFFICE) => {
    setNow(iso);
    const response = await checkIn(hub, token[name], { type, location });
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.checkIn as { exceptions: string[] };
  };

  const attendance = (who: string, as: string, from = '2026-03-02', to = '2026-03-08') =>
    hub.request(`query($u: ID!, $f: LocalDate!, $t: LocalDate!) { employee(unionId: $u) { attendance(from: $f, to: $t) { ${SUMMARY} } } }`, {
      token: as,
      variables: { u: ids[who], f: from, t: to },
    });

  beforeAll(async () => {
    hub = await startTestHub({ label: 'attendance_summary' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    b = await seedCorp(hub, 'corp-b', ['Bob Admin']);
    await createDepartments(hub, a, [
      ['sales', 'Sales', null],
      ['north', 'North', 'sales'],
      ['finance', 'Finance', null],
    ]);
    await hub.request(`mutation { createTag(input: { name: "late-shift" }) { name } }`, { token: a.adminToken });
    ids.Mia = await hire(hub, a, 'Mia', { departmentIds: ['sales'] });
    ids.Nick = await hire(hub, a, 'Nick', { departmentIds: ['north'], managerUnionId: ids.Mia });
    ids.Ola = await hire(hub, a, 'Ola', { departmentIds: ['north'], managerUnionId: ids.Nick });
    ids.Pat = await hire(hub, a, 'Pat', { departmentIds: ['finance'] });
    ids.Quinn = await hire(hub, a, 'Quinn', { departmentIds: ['finance'], tags: ['late-shift'] });
    for (const name of Object.keys(ids)) token[name] = await hub.token({ corp: a.corpId, role: Role.EMPLOYEE, union: ids[name] });

    setNow('2026-03-01T12:00:00Z'); // Sunday evening in Shanghai: every rule is in force from 1 March
    await createRule(hub, a, { name: 'Everyone', settings: SHANGHAI_SETTINGS });
    rules.North = await createRule(hub, a, { name: 'North', settings: { ...SHANGHAI_SETTINGS, onDutyTime: '10:00', offDutyTime: '19:00' }, appliesTo: { departmentIds: ['north'] } });
    rules.Pat = await createRule(hub, a, { name: 'Pat', settings: { ...SHANGHAI_SETTINGS, workDays: [1, 2, 3, 4, 5, 6] }, appliesTo: { unionIds: [ids.Pat] } });
    await createRule(hub, a, { name: 'Late shift', settings: { ...SHANGHAI_SETTINGS, onDutyTime: '11:00', offDutyTime: '20:00' }, appliesTo: { tags: ['late-shift'] } });

    // Nick (North: 10:00–19:00): on time; late; absent; no off-duty (missing); a field day
    await at('Nick', '2026-03-02T01:55:00Z', 'ON_DUTY');
    await at('Nick', '2026-03-02T11:00:00Z', 'OFF_DUTY');
    await at('Nick', '2026-03-03T02:06:00Z', 'ON_DUTY');
    await at('Nick', '2026-03-03T11:10:00Z', 'OFF_DUTY');
    await at('Nick', '2026-03-05T02:00:00Z', 'ON_DUTY');
    await at('Nick', '2026-03-06T03:00:00Z', 'FIELD', { latitude: 30, longitude: 120 });
    // Ola (North): leaves at 18:30, then nothing all week
    await at('Ola', '2026-03-02T02:00:00Z', 'ON_DUTY');
    await at('Ola', '2026-03-02T10:30:00Z', 'OFF_DUTY');
    // Mia (everyone: 09:00–18:00): checks in far from the office on Monday only
    await at('Mia', '2026-03-02T01:00:00Z', 'ON_DUTY', { latitude: 31.3, longitude: 121.4737 });
    await at('Mia', '2026-03-02T10:00:00Z', 'OFF_DUTY');
    // Pat (own rule, Monday to Saturday): only on Saturday
    await at('Pat', '2026-03-07T01:00:00Z', 'ON_DUTY');
    await at('Pat', '2026-03-07T10:00:00Z', 'OFF_DUTY');
    setNow('2026-03-09T02:00:00Z'); // the next Monday, 10:00 in Shanghai
  });
  afterAll(async () => {
    resetClock();
    await hub?.stop();
  });

  it('picks the most specific rule: the person, then a tag, then the nearest department, then the corp', async () => {
    setNow('2026-03-09T02:30:00Z'); // 10:30 in Shanghai
    expect((await at('Quinn', '2026-03-09T02:30:00Z', 'ON_DUTY')).exceptions).toEqual([]); // late shift starts at 11:00
    expect((await at('Pat', '2026-03-09T02:30:00Z', 'ON_DUTY')).exceptions).toEqual(['LATE']); // their own rule: 09:00
    expect((await at('Ola', '2026-03-09T02:04:00Z', 'ON_DUTY')).exceptions).toEqual([]); // North: 10:00 with 5 minutes' grace
    setNow('2026-03-09T02:00:00Z');
  });

  it('sums a week per person, checked by hand', async () => {
    const expected: Record<string, number[]> = {
      // workDays attended late early absent missing field outOfRange
      Nick: [5, 4, 1, 0, 1, 1, 1, 0],
      Ola: [5, 1, 0, 1, 4, 0, 0, 0],
      Mia: [5, 1, 0, 0, 4, 0, 0, 1],
      Pat: [6, 1, 0, 0, 5, 0, 0, 0],
    };
    for (const [name, values] of Object.entries(expected)) {
      const response = await attendance(name, a.adminToken);
      expect([name, response.data?.employee.attendance]).toEqual([name, summaryOf(values)]);
    }
  });

  it('gives WeCom’s month data: work days, days with exceptions, late, early and missing counts, field days apart', async () => {
    const response = await hub.request(
      `query($u: ID!) { employee(unionId: $u) { attendance(from: "2026-03-02", to: "2026-03-08") { workDays exceptionDays lateCount earlyLeaveCount missingCount absentDays fieldDays fieldCount holidayDays } } }`,
      { token: a.adminToken, variables: { u: ids.Nick } },
    );
    // late on the 3rd, absent on the 4th, missing on the 5th; the field day of the 6th is no exception
    expect(response.data!.employee.attendance).toEqual({ workDays: 5, exceptionDays: 3, lateCount: 1, earlyLeaveCount: 0, missingCount: 1, absentDays: 1, fieldDays: 1, fieldCount: 1, holidayDays: 0 });
  });

  it('answers a person’s days: first in, last out, worked minutes, exceptions, ABSENT and MISSING', async () => {
    const response = await hub.request(
      `query($u: ID!) { employee(unionId: $u) { attendanceDays(from: "2026-03-02", to: "2026-03-09") { date workDay firstIn lastOut workedMinutes checkInCount exceptions } } }`,
      { token: token.Nick, variables: { u: ids.Nick } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.employee.attendanceDays).toEqual([
      { date: '2026-03-02', workDay: true, firstIn: '2026-03-02T01:55:00.000Z', lastOut: '2026-03-02T11:00:00.000Z', workedMinutes: 545, checkInCount: 2, exceptions: [] },
      { date: '2026-03-03', workDay: true, firstIn: '2026-03-03T02:06:00.000Z', lastOut: '2026-03-03T11:10:00.000Z', workedMinutes: 544, checkInCount: 2, exceptions: ['LATE'] },
      { date: '2026-03-04', workDay: true, firstIn: null, lastOut: null, workedMinutes: 0, checkInCount: 0, exceptions: ['ABSENT'] },
      { date: '2026-03-05', workDay: true, firstIn: '2026-03-05T02:00:00.000Z', lastOut: null, workedMinutes: 0, checkInCount: 1, exceptions: ['MISSING'] },
      { date: '2026-03-06', workDay: true, firstIn: '2026-03-06T03:00:00.000Z', lastOut: '2026-03-06T03:00:00.000Z', workedMinutes: 0, checkInCount: 1, exceptions: [] },
      { date: '2026-03-07', workDay: false, firstIn: null, lastOut: null, workedMinutes: 0, checkInCount: 0, exceptions: [] },
      { date: '2026-03-08', workDay: false, firstIn: null, lastOut: null, workedMinutes: 0, checkInCount: 0, exceptions: [] },
      // today is not over: not absent yet
      { date: '2026-03-09', workDay: true, firstIn: null, lastOut: null, workedMinutes: 0, checkInCount: 0, exceptions: [] },
    ]);
  });

  it('sums a department’s month with its sub-departments, and names who has most exceptions', async () => {
    const response = await hub.request(
      `{ departmentAttendance(departmentId: "sales", month: "2026-03", top: 2) { departmentId name month memberCount totals { ${SUMMARY} } mostExceptions { displayName exceptionCount employee { unionId } summary { absentDays } } } }`,
      { token: a.adminToken },
    );
    expect(response.errors).toBeUndefined();
    // 22 weekdays in March 2026 each; past days are 2–6 March (Ola checked in on 9 March, today)
    expect(response.data!.departmentAttendance).toEqual({
      departmentId: 'sales',
      name: 'Sales',
      month: '2026-03',
      memberCount: 3,
      totals: summaryOf([66, 7, 1, 1, 9, 1, 1, 1]),
      mostExceptions: [
        { displayName: 'Mia', exceptionCount: 5, employee: { unionId: ids.Mia }, summary: { absentDays: 4 } },
        { displayName: 'Ola', exceptionCount: 5, employee: { unionId: ids.Ola }, summary: { absentDays: 4 } },
      ],
    });
    const north = await hub.request(`{ departmentAttendance(departmentId: "north", month: "2026-03") { memberCount totals { lateCount absentDays } } }`, { token: a.adminToken });
    expect(north.data!.departmentAttendance).toEqual({ memberCount: 2, totals: { lateCount: 1, absentDays: 5 } });
  });

  it("sums a department's month to its members' own months: the rule each gets from the tree and tags read once is the one of their own record", async () => {
    for (const department of ['sales', 'north', 'finance']) {
      const summary = await hub.request(`query($d: ID!) { departmentAttendance(departmentId: $d, month: "2026-03") { memberCount totals { ${SUMMARY} } } }`, {
        token: a.adminToken,
        variables: { d: department },
      });
      expect(summary.errors).toBeUndefined();
      // each member's month through their own record (departments with their ancestors, tags, asked one by one)
      const members = await hub.request(`query($d: ID!) { department(id: $d) { members(first: 50, includeSubdepartments: true) { nodes { attendance(from: "2026-03-01", to: "2026-03-31") { ${SUMMARY} } } } } }`, {
        token: a.adminToken,
        variables: { d: department },
      });
      expect(members.errors).toBeUndefined();
      const own = members.data!.department.members.nodes.map((node: { attendance: Record<string, number> }) => node.attendance);
      const sums = Object.fromEntries(SUMMARY.split(' ').map((key) => [key, own.reduce((sum: number, month: Record<string, number>) => sum + month[key], 0)]));
      expect(summary.data!.departmentAttendance).toEqual({ memberCount: own.length, totals: sums });
    }
  });

  it("answers a day across the corp or a department: checked in, late, not checked in, and who", async () => {
    const DAY = `query($date: LocalDate!, $d: ID, $first: Int) { dayAttendance(date: $date, departmentId: $d, first: $first) {
      date departmentId memberCount workingCount checkedInCount lateCount onLeaveCount notCheckedInCount
      late { displayName employee { unionId } } notCheckedIn { displayName summary { absentDays } } } }`;
    const day = (date: string, as: string, d?: string, first?: number) => hub.request(DAY, { token: as, variables: { date, d, first } });
    // Tuesday 3 March: Nick came late; nobody else checked in (Pat's own rule has Saturdays too, not Sundays)
    const tuesday = await day('2026-03-03', a.adminToken);
    expect(tuesday.errors).toBeUndefined();
    expect(tuesday.data!.dayAttendance).toEqual({
      date: '2026-03-03',
      departmentId: null,
      memberCount: 5,
      workingCount: 5,
      checkedInCount: 1,
      lateCount: 1,
      onLeaveCount: 0,
      notCheckedInCount: 4,
      late: [{ displayName: 'Nick', employee: { unionId: ids.Nick } }],
      notCheckedIn: ['Mia', 'Ola', 'Pat', 'Quinn'].map((displayName) => ({ displayName, summary: { absentDays: 1 } })),
    });
    // the counts stay whole when the lists are cut
    const cut = await day('2026-03-03', a.adminToken, undefined, 1);
    expect(cut.data!.dayAttendance).toMatchObject({ notCheckedInCount: 4, notCheckedIn: [{ displayName: 'Mia' }] });
    // a department with those below it, for its manager too
    const north = await day('2026-03-03', token.Mia, 'north');
    expect(north.data!.dayAttendance).toMatchObject({ departmentId: 'north', memberCount: 2, checkedInCount: 1, lateCount: 1, notCheckedInCount: 1, notCheckedIn: [{ displayName: 'Ola' }] });
    // Sunday 8 March is a work day of no rule: nobody is expected
    const sunday = await day('2026-03-08', a.adminToken);
    expect(sunday.data!.dayAttendance).toMatchObject({ workingCount: 0, checkedInCount: 0, notCheckedInCount: 0, late: [], notCheckedIn: [] });
  });

  it("a day's attendance is for corp readers and the department's managers; another corp's department is NOT_FOUND", async () => {
    const DAY = `query($d: ID) { dayAttendance(date: "2026-03-03", departmentId: $d) { memberCount } }`;
    expect(errorCodes(await hub.request(DAY, { token: token.Ola }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.request(DAY, { token: token.Ola, variables: { d: 'north' } }))).toEqual(['FORBIDDEN']);
    const tooMany = await hub.request(`{ dayAttendance(date: "2026-03-03", first: 501) { memberCount } }`, { token: a.adminToken });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    const badDate = await hub.request(`query($date: LocalDate!) { dayAttendance(date: $date) { memberCount } }`, { token: a.adminToken, variables: { date: '2026-02-30' } });
    expect(errorCodes(badDate)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.request(DAY, { token: b.adminToken, variables: { d: 'sales' } }))).toEqual(['NOT_FOUND']);
    // a department admin's whole corp is their subtree
    const northAdmin = await hub.token({ corp: a.corpId, role: Role.DEPARTMENT_ADMIN, department: 'north', union: ids.Mia });
    const scoped = await hub.request(`{ dayAttendance(date: "2026-03-03") { memberCount lateCount notCheckedIn { displayName } } }`, { token: northAdmin });
    expect(scoped.data!.dayAttendance).toEqual({ memberCount: 2, lateCount: 1, notCheckedIn: [{ displayName: 'Ola' }] });
    // corp B's whole day counts only corp B's people
    const other = await hub.request(DAY, { token: b.adminToken });
    expect(other.data!.dayAttendance.memberCount).toBeLessThanOrEqual(1);
  });

  it('exports the department month as CSV for admins and its managers, over HTTP and in GraphQL', async () => {
    const url = new URL('/attendance/departments/north/2026-03.csv', new URL(hub.url).origin);
    const response = await fetch(url, { headers: { authorization: `Bearer ${a.adminToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await response.text();
    expect(csv.split('\r\n')).toEqual([
      'unionId,displayName,workDays,attendedDays,lateCount,earlyLeaveCount,absentDays,missingCount,fieldCount,outOfRangeCount,holidayDays,fieldDays,exceptionDays,leaveDays,exceptionCount',
      `${ids.Nick},Nick,22,4,1,0,1,1,1,0,0,1,3,0,3`,
      `${ids.Ola},Ola,22,2,0,1,4,0,0,0,0,0,5,0,5`,
      'TOTAL,North,44,6,1,1,5,1,1,0,0,1,8,0,8',
      '',
    ]);
    const graphql = await hub.request(`{ departmentAttendanceCsv(departmentId: "north", month: "2026-03") }`, { token: a.adminToken });
    expect(graphql.data!.departmentAttendanceCsv).toBe(csv);
    // Nick manages North (Ola reports to him): his department's CSV; Ola manages nobody
    const asManager = await fetch(url, { headers: { authorization: `Bearer ${token.Nick}` } });
    expect(asManager.status).toBe(200);
    expect(asManager.headers.get('content-disposition')).toBe('attachment; filename=attendance-north-2026-03.csv');
    expect(await asManager.text()).toBe(csv);
    expect((await fetch(url, { headers: { authorization: `Bearer ${token.Ola}` } })).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${b.adminToken}` } })).status).toBe(404);
  });

  it('lets a person read their own attendance and their managers theirs; refuses colleagues', async () => {
    expect((await attendance('Ola', token.Ola)).errors).toBeUndefined();
    expect((await attendance('Ola', token.Nick)).errors).toBeUndefined(); // direct manager
    expect((await attendance('Ola', token.Mia)).errors).toBeUndefined(); // manager's manager
    expect(errorCodes(await attendance('Nick', token.Ola))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await attendance('Ola', token.Pat))).toEqual(['FORBIDDEN']);
    const checkIns = await hub.request(`query($u: ID!) { employee(unionId: $u) { checkIns(from: "2026-03-01", to: "2026-03-31") { totalCount } } }`, { token: token.Pat, variables: { u: ids.Nick } });
    expect(errorCodes(checkIns)).toEqual(['FORBIDDEN']);
    // and the manager may read the check-ins themselves
    const managerReads = await hub.request(`query($u: ID!) { employee(unionId: $u) { checkIns(from: "2026-03-01", to: "2026-03-31") { totalCount } } }`, { token: token.Mia, variables: { u: ids.Ola } });
    expect(managerReads.data).toEqual({ employee: { checkIns: { totalCount: 3 } } });
    const reportReads = await hub.request(`query($u: ID!) { employee(unionId: $u) { checkIns(from: "2026-03-01", to: "2026-03-31") { totalCount } } }`, { token: token.Ola, variables: { u: ids.Nick } });
    expect(errorCodes(reportReads)).toEqual(['FORBIDDEN']);
  });

  it('lets a manager read the month of departments they manage, sub-departments included; refuses everyone else', async () => {
    const month = (department: string, as: string) =>
      hub.request(`query($d: ID!) { departmentAttendance(departmentId: $d, month: "2026-03") { memberCount totals { lateCount } } }`, { token: as, variables: { d: department } });
    // Mia is above Nick and Ola: Sales with North under it, and North alone
    expect((await month('sales', token.Mia)).data).toEqual({ departmentAttendance: { memberCount: 3, totals: { lateCount: 1 } } });
    expect((await month('north', token.Mia)).data).toEqual({ departmentAttendance: { memberCount: 2, totals: { lateCount: 1 } } });
    // Nick manages North (a member himself, Ola reports to him), not Sales (Mia is above him)
    expect((await month('north', token.Nick)).data).toEqual({ departmentAttendance: { memberCount: 2, totals: { lateCount: 1 } } });
    expect(errorCodes(await month('sales', token.Nick))).toEqual(['FORBIDDEN']);
    // employees who manage nobody there: refused, the summary and the CSV alike
    expect(errorCodes(await month('north', token.Ola))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await month('finance', token.Pat))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await month('sales', token.Quinn))).toEqual(['FORBIDDEN']);
    const csv = await hub.request(`{ departmentAttendanceCsv(departmentId: "sales", month: "2026-03") }`, { token: token.Ola });
    expect(errorCodes(csv)).toEqual(['FORBIDDEN']);
    expect((await hub.request(`{ departmentAttendanceCsv(departmentId: "sales", month: "2026-03") }`, { token: token.Mia })).errors).toBeUndefined();
  });

  it('refuses bad ranges and months', async () => {
    expect(errorCodes(await attendance('Nick', a.adminToken, '2026-03-08', '2026-03-02'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await attendance('Nick', a.adminToken, '2025-01-01', '2026-03-02'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await attendance('Nick', a.adminToken, '2026-02-30', '2026-03-02'))).toEqual(['BAD_USER_INPUT']);
    for (const month of ['2026-13', '2026-3', 'March']) {
      const response = await hub.request(`query($m: String!) { departmentAttendance(departmentId: "sales", month: $m) { memberCount } }`, { token: a.adminToken, variables: { m: month } });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('keeps corps apart: another corp cannot read these people or departments', async () => {
    expect(errorCodes(await attendance('Nick', b.adminToken))).toEqual(['NOT_FOUND']);
    const department = await hub.request(`{ departmentAttendance(departmentId: "sales", month: "2026-03") { memberCount } }`, { token: b.adminToken });
    expect(errorCodes(department)).toEqual(['NOT_FOUND']);
  });

  // last: it changes whom two rules apply to from 10 March on
  it('a change of whom a rule applies to takes effect the next day and never rewrites past days or check-ins', async () => {
    const retarget = (id: string, appliesTo: Record<string, string[]>) =>
      hub.request(`mutation($input: UpdateCheckInRuleInput!) { updateCheckInRule(input: $input) { unionIds departmentIds tags versions { effectiveFrom unionIds departmentIds tags onDutyTime workDays } } }`, {
        token: a.adminToken,
        variables: { input: { id, appliesTo } },
      });
    const workDays = async (who: string, from: string, to: string) => (await attendance(who, a.adminToken, from, to)).data!.employee.attendance.workDays;
    expect(await workDays('Pat', '2026-03-09', '2026-03-15')).toBe(6);
    // on Monday 9 March (today), Pat's own Monday-to-Saturday rule moves to Quinn; the schedule stays
    const moved = await retarget(rules.Pat, { unionIds: [ids.Quinn] });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateCheckInRule).toEqual({
      // today's targets are still the old ones
      unionIds: [ids.Pat],
      departmentIds: [],
      tags: [],
      versions: [
        { effectiveFrom: '2026-03-01', unionIds: [ids.Pat], departmentIds: [], tags: [], onDutyTime: '09:00', workDays: [1, 2, 3, 4, 5, 6] },
        { effectiveFrom: '2026-03-10', unionIds: [ids.Quinn], departmentIds: [], tags: [], onDutyTime: '09:00', workDays: [1, 2, 3, 4, 5, 6] },
      ],
    });
    // the past week and today keep Pat's rule: Saturday 7 March stays a work day of Pat's
    expect(await workDays('Pat', '2026-03-02', '2026-03-08')).toBe(6);
    expect((await attendance('Pat', a.adminToken)).data!.employee.attendance).toEqual(summaryOf([6, 1, 0, 0, 5, 0, 0, 0]));
    // from Tuesday on Pat is on the corp's Monday-to-Friday rule, and Quinn on the Monday-to-Saturday one
    expect(await workDays('Pat', '2026-03-09', '2026-03-15')).toBe(5);
    expect(await workDays('Quinn', '2026-03-09', '2026-03-15')).toBe(6);

    // North's rule stops applying to the North department tomorrow: Ola's 10:04 is on time today, late tomorrow
    expect((await retarget(rules.North, { tags: ['nobody-yet'] })).errors).toBeUndefined();
    const ola = async (iso: string) => (await at('Ola', iso, 'OFF_DUTY')).exceptions;
    expect(await ola('2026-03-09T10:30:00Z')).toEqual(['EARLY_LEAVE']); // 18:30, North ends at 19:00 today
    expect(await ola('2026-03-10T10:30:00Z')).toEqual([]); // 18:30 under the corp rule (18:00) tomorrow
    setNow('2026-03-09T02:00:00Z');
    // the early leave of 2 March, judged by North, stays as it was
    expect((await attendance('Ola', a.adminToken)).data!.employee.attendance).toEqual(summaryOf([5, 1, 0, 1, 4, 0, 0, 0]));
  });

  it('reads 2 or 5 members’ attendance with the same statements (one aggregate for the page)', async () => {
    const query = `query($n: Int!) { employees(first: $n) { nodes { unionId attendance(from: "2026-03-01", to: "2026-03-31") { workDays lateCount earlyLeaveCount missingCount absentDays holidayDays fieldDays exceptionDays } } } }`;
    const statements = async (first: number) => {
      let answer: { errors?: unknown; data?: { employees: { nodes: unknown[] } } | null } | undefined;
      const counts = await hub.queries.during(async () => {
        answer = await hub.request<{ employees: { nodes: unknown[] } }>(query, { token: a.adminToken, variables: { n: first } });
      });
      expect(answer!.errors).toBeUndefined();
      expect(answer!.data!.employees.nodes).toHaveLength(first);
      return counts.attendance;
    };
    const small = await statements(2);
    const large = await statements(5);
    // rules, their versions, one aggregate of check-ins and one of approved leave, however many people
    expect(small).toBe(4);
    expect(large).toBe(small);
  });
});
