import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedCorp, startTestHub, type SeededCorp, type TestHub } from '@corphub/tooling/testing';
import { Role } from '@corphub/module-kit';
import { errorCodes } from '@corphub/module-kit/testing';
import { AT_OFFICE, SHANGHAI_SETTINGS, checkIn, createRule, hire, resetClock, setNow } from './helpers';

const CN_2026 = readFileSync(join(__dirname, '..', 'assets', 'cn-2026.ics'), 'utf8');
const IMPORT = `mutation($input: ImportWorkCalendarInput!) { importWorkCalendar(input: $input) { date kind name } }`;
const CALENDAR = `query($r: String!, $y: Int!) { workCalendar(region: $r, year: $y) { date kind } }`;

const ics = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
const event = (lines: string[]) => ['BEGIN:VEVENT', 'UID:x@test', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'].join('\r\n');

describe('attendance: work calendars', () => {
  let hub: TestHub;
  let a: SeededCorp;
  let b: SeededCorp;
  let yan: string;
  let yanToken: string;

  const importAs = (token: string, input: Record<string, unknown>) => hub.request(IMPORT, { token, variables: { input } });
  const calendarOf = async (corp: SeededCorp, region = 'CN', year = 2026) => (await hub.request(CALENDAR, { token: corp.adminToken, variables: { r: region, y: year } })).data!.workCalendar as { date: string; kind: string }[];

  beforeAll(async () => {
    hub = await startTestHub({ label: 'attendance_calendar' });
    a = await seedCorp(hub, 'corp-a', ['Admin']);
    b = await seedCorp(hub, 'corp-b', ['Bob Admin']);
    yan = await hire(hub, a, 'Yan');
    yanToken = await hub.token({ corp: a.corpId, role: Role.EMPLOYEE, union: yan });
    setNow('2026-04-20T04:00:00Z');
    await createRule(hub, a, { name: 'China office', settings: { ...SHANGHAI_SETTINGS, calendarRegion: 'CN' } });
  });
  afterAll(async () => {
    resetClock();
    await hub?.stop();
  });

  it('imports the official 2026 calendar from .ics: holidays and swapped working days', async () => {
    const response = await importAs(a.adminToken, { region: 'CN', ics: CN_2026 });
    expect(response.errors).toBeUndefined();
    const days = response.data!.importWorkCalendar as { date: string; kind: string; name: string }[];
    expect(days.filter((day) => day.kind === 'HOLIDAY')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(days.filter((day) => day.kind === 'WORKDAY').map((day) => day.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(days.find((day) => day.date === '2026-05-01')).toEqual({ date: '2026-05-01', kind: 'HOLIDAY', name: '劳动节' });
    expect(await calendarOf(a)).toHaveLength(days.length);
  });

  it('judges a swapped working day as a work day and a holiday as none, in check-ins and summaries', async () => {
    // Saturday 9 May is worked: 09:20 in Shanghai is late
    setNow('2026-05-09T01:20:00Z');
    expect((await checkIn(hub, yanToken, { type: 'ON_DUTY', location: AT_OFFICE })).data!.checkIn.exceptions).toEqual(['LATE']);
    setNow('2026-05-09T10:00:00Z');
    expect((await checkIn(hub, yanToken, { type: 'OFF_DUTY', location: AT_OFFICE })).errors).toBeUndefined();
    setNow('2026-05-11T04:00:00Z');
    // 1–10 May: weekdays 1, 4, 5, 6, 7, 8; the 1st, 4th and 5th are Labour Day; Saturday the 9th is worked
    const summary = await hub.request(`query($u: ID!) { employee(unionId: $u) { attendance(from: "2026-05-01", to: "2026-05-10") { workDays attendedDays lateCount absentDays holidayDays exceptionDays } } }`, {
      token: a.adminToken,
      variables: { u: yan },
    });
    expect(summary.data!.employee.attendance).toEqual({ workDays: 4, attendedDays: 1, lateCount: 1, absentDays: 3, holidayDays: 3, exceptionDays: 4 });
    const days = await hub.request(`query($u: ID!) { employee(unionId: $u) { attendanceDays(from: "2026-05-04", to: "2026-05-09") { date workDay exceptions } } }`, {
      token: yanToken,
      variables: { u: yan },
    });
    expect(days.data!.employee.attendanceDays).toEqual([
      { date: '2026-05-04', workDay: false, exceptions: [] },
      { date: '2026-05-05', workDay: false, exceptions: [] },
      { date: '2026-05-06', workDay: true, exceptions: ['ABSENT'] },
      { date: '2026-05-07', workDay: true, exceptions: ['ABSENT'] },
      { date: '2026-05-08', workDay: true, exceptions: ['ABSENT'] },
      { date: '2026-05-09', workDay: true, exceptions: ['LATE'] },
    ]);
  });

  it('replaces the years an import covers, and keeps other corps apart', async () => {
    const corrected = ics(event(['DTSTART;VALUE=DATE:20260102', 'SUMMARY:Only holiday']));
    expect((await importAs(b.adminToken, { region: 'CN', ics: corrected })).errors).toBeUndefined();
    expect(await calendarOf(b)).toEqual([{ date: '2026-01-02', kind: 'HOLIDAY' }]);
    // corp A's calendar is untouched, and B never sees it
    expect(await calendarOf(a)).toHaveLength(39);
    expect(await calendarOf(b, 'CN', 2027)).toEqual([]);
  });

  it('refuses a file it cannot read exactly, writing nothing', async () => {
    const refused = [
      { region: 'CN', ics: 'not a calendar' },
      { region: 'CN', ics: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026' },
      { region: 'CN', ics: ics() },
      { region: 'CN', ics: ics(event(['DTSTART:20260102T090000Z', 'SUMMARY:Timed'])) },
      { region: 'CN', ics: ics(event(['DTSTART;VALUE=DATE:20260102', 'RRULE:FREQ=YEARLY', 'SUMMARY:Every year'])) },
      { region: 'CN', ics: ics(event(['DTSTART;VALUE=DATE:20260102', 'SUMMARY:Off', 'CATEGORIES:HOLIDAY']), event(['DTSTART;VALUE=DATE:20260102', 'SUMMARY:On', 'CATEGORIES:WORKDAY'])) },
      { region: 'china', ics: CN_2026 },
      { region: 'CN', ics: '' },
    ];
    for (const input of refused) expect([input.ics.slice(0, 30), errorCodes(await importAs(a.adminToken, input))]).toEqual([input.ics.slice(0, 30), ['BAD_USER_INPUT']]);
    expect(await calendarOf(a)).toHaveLength(39);
    expect(errorCodes(await hub.request(CALENDAR, { token: a.adminToken, variables: { r: 'cn', y: 2026 } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets only admins import', async () => {
    expect(errorCodes(await importAs(yanToken, { region: 'CN', ics: CN_2026 }))).toEqual(['FORBIDDEN']);
    expect((await hub.request(CALENDAR, { token: yanToken, variables: { r: 'CN', y: 2026 } })).data!.workCalendar).toHaveLength(39);
  });

  it('imports an .ics file uploaded over HTTP (PUT /attendance/calendars/{region}.ics), refusing what it cannot read with a JSON error and writing nothing', async () => {
    const url = (region: string) => hub.url.replace(/\/graphql$/, `/attendance/calendars/${region}.ics`);
    const put = (region: string, body: string | Buffer, token = b.adminToken, type = 'text/calendar') =>
      fetch(url(region), { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
    const uploaded = await put('CN-SH', CN_2026);
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toEqual({ region: 'CN-SH', years: [2026], days: 39 });
    expect(await calendarOf(b, 'CN-SH')).toHaveLength(39);
    const refusals: [Response, number, string][] = [
      [await put('CN-SH', 'not a calendar'), 400, 'BAD_USER_INPUT'],
      [await put('CN-SH', ics(event(['DTSTART:20260102T090000Z', 'SUMMARY:Timed']))), 400, 'BAD_USER_INPUT'],
      [await put('shanghai', CN_2026), 400, 'BAD_USER_INPUT'],
      [await put('CN-SH', CN_2026, b.adminToken, 'application/json'), 415, 'BAD_USER_INPUT'],
      [await put('CN-SH', Buffer.alloc(1_000_001, 'A')), 413, 'BAD_USER_INPUT'],
      [await put('CN-SH', CN_2026, yanToken), 403, 'FORBIDDEN'],
    ];
    for (const [response, status, code] of refusals) {
      expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([status, code]);
    }
    expect((await fetch(url('CN-SH'), { method: 'PUT', headers: { 'content-type': 'text/calendar' }, body: CN_2026 })).status).toBe(401);
    // nothing written by a refusal, and corp A's region is not corp B's
    expect(await calendarOf(b, 'CN-SH')).toHaveLength(39);
    expect(await calendarOf(a, 'CN-SH')).toEqual([]);
  });
});
