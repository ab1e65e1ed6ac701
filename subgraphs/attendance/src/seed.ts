import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager, MikroORM, RequiredEntityData } from '@mikro-orm/core';
import { scopeToCorp, type BenchmarkCorp } from '@corphub/module-kit';
import { DEMO, DEMO_PEOPLE } from '@corphub/demo';
import { CheckIn, CheckInType } from './check-ins/check-in.entity';
import { recountCheckInDays } from './check-ins/check-in-days';
import { CheckInRule, RuleVersion } from './rules/rule.entity';
import { evaluate, isWorkDay } from './rules/rule.service';
import { parseIcs } from './calendars/calendar.ics';
import { calendarKey, replaceCalendarYears, type CalendarDays } from './calendars/calendar.service';
import { clock } from './clock';
import { addDays, datesBetween, localParts, zonedInstant } from './time';
import { DayHalf, LeaveBalance, LeaveRequest, LeaveStatus, LeaveType } from './leave/leave.entity';
import { MakeUpRequest, MakeUpStatus, slotOf } from './make-ups/make-up.entity';

const HQ = { name: 'Headquarters', latitude: 31.2304, longitude: 121.4737, radiusMeters: 300 };

/** The demo corp's region and its official calendar: mainland China's 2026 public holidays and swapped working days. */
const DEMO_REGION = 'CN';
export const DEMO_CALENDAR_FILE = join(__dirname, '..', 'assets', 'cn-2026.ics');

/** The demo corp's work calendar, imported from the shipped .ics file as an admin would. */
async function demoCalendar(em: EntityManager): Promise<CalendarDays> {
  const days = await replaceCalendarYears(em, DEMO_REGION, parseIcs(readFileSync(DEMO_CALENDAR_FILE, 'utf8')));
  return new Map(days.map((day) => [calendarKey(day.region, day.date), day.kind]));
}

/** A corp-wide office rule in force from `from`: Monday to Friday 09:00–18:00 in the corp's zone, following `region`'s calendar when given. */
async function officeRule(em: EntityManager, from: string, region: string | null = null): Promise<RuleVersion> {
  const rule = new CheckInRule('Office hours');
  const version = new RuleVersion(rule.id, from);
  Object.assign(version, {
    timezone: DEMO.timezone,
    workDays: [1, 2, 3, 4, 5],
    onDutyTime: '09:00',
    offDutyTime: '18:00',
    flexibleMinutes: 0,
    lateGraceMinutes: 5,
    earlyLeaveGraceMinutes: 5,
    places: [HQ],
    fieldPhotoRequired: false,
    wifiBssids: ['00:11:22:33:44:55'],
    holidays: [],
    specialWorkDays: [],
    calendarRegion: region,
  });
  em.persist([rule, version]);
  await em.flush();
  return version;
}

/** A deterministic 0..1 from a person's index and a day's index, so seeds repeat exactly. */
function noise(person: number, day: number, salt: number): number {
  const x = Math.sin(person * 12.9898 + day * 78.233 + salt * 37.719) * 43758.5453;
  return x - Math.floor(x);
}

/**
 * One person's check-ins for a work day: mostly on time at HQ; sometimes late, leaving early, out of
 * range, in the field, missing the off-duty check-in, or absent.
 */
type SeedRow = Omit<RequiredEntityData<CheckIn>, 'corpId' | 'localDate'> & { localDate: string };

function dayOf(version: RuleVersion, calendar: CalendarDays, unionId: string, person: number, day: number, date: string): SeedRow[] {
  const roll = noise(person, day, 1);
  if (roll < 0.04) return []; // absent
  const near = { latitude: HQ.latitude + 0.0005, longitude: HQ.longitude };
  const far = { latitude: HQ.latitude + 0.05, longitude: HQ.longitude };
  const make = (type: CheckInType, seconds: number, location = near): SeedRow => {
    const at = zonedInstant(date, seconds, version.timezone);
    const result = evaluate(version, { type, at, location, firstInSeconds: type === CheckInType.OFF_DUTY ? 9 * 3600 : null }, calendar);
    return { unionId, type, checkedAt: at, latitude: location.latitude, longitude: location.longitude, accuracyMeters: 15, ...result, ruleId: version.ruleId, ruleVersionId: version.id };
  };
  if (roll < 0.1) return [make(CheckInType.FIELD, 10 * 3600, far), make(CheckInType.FIELD, 16 * 3600, far)];
  const arrive = roll < 0.2 ? 9 * 3600 + 6 * 60 + Math.floor(noise(person, day, 2) * 3000) : 8 * 3600 + 30 * 60 + Math.floor(noise(person, day, 3) * 1800);
  const leave = roll > 0.95 ? 17 * 3600 + Math.floor(noise(person, day, 4) * 1800) : 18 * 3600 + Math.floor(noise(person, day, 5) * 3600);
  const rows = [make(CheckInType.ON_DUTY, arrive, roll > 0.2 && roll < 0.23 ? far : near)];
  if (!(roll > 0.9 && roll <= 0.95)) rows.push(make(CheckInType.OFF_DUTY, leave)); // else: missing
  return rows;
}

/** The last `days` days before today in the corp's zone, oldest first. */
function pastDays(days: number): string[] {
  const today = localParts(clock.now(), DEMO.timezone).date;
  return datesBetween(addDays(today, -days), addDays(today, -1));
}

async function insertDays(em: EntityManager, version: RuleVersion, people: readonly { unionId: string }[], dates: string[], corpId: string, calendar: CalendarDays = new Map(), batch = 5000): Promise<number> {
  let pending: SeedRow[] = [];
  let written = 0;
  const flush = async () => {
    if (!pending.length) return;
    await em.insertMany(CheckIn, pending.map((row) => ({ ...row, corpId, id: randomUUID() })));
    written += pending.length;
    pending = [];
  };
  for (const [day, date] of dates.entries()) {
    if (!isWorkDay(version, date, calendar)) continue;
    for (const [person, { unionId }] of people.entries()) {
      pending.push(...dayOf(version, calendar, unionId, person, day, date));
      if (pending.length >= batch) await flush();
    }
  }
  await flush();
  return written;
}

/**
 * Idempotent: the corp's 2026 calendar (CN), the office rule following it, and the last 70 days of check-ins
 * for the 30 demo people (from late September on, so National Day's holidays and swapped working days show), once.
 */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  if (await em.count(CheckInRule, {})) return;
  const dates = pastDays(70);
  await em.transactional(async (tx) => {
    const calendar = await demoCalendar(tx);
    const version = await officeRule(tx, dates[0], DEMO_REGION);
    await insertDays(tx, version, DEMO_PEOPLE, dates, DEMO.corpId, calendar);
    const workDays = dates.filter((date) => isWorkDay(version, date, calendar));
    await demoRequests(tx, version, workDays);
    await recountCheckInDays(tx, DEMO.corpId);
  });
}

/** Liu Yang (sales-north, managed by Chen Jing) took a day of annual leave; Huang Lei had a forgotten off-duty check-in made up. */
const ON_LEAVE = DEMO_PEOPLE[5];
const MADE_UP = DEMO_PEOPLE[6];

/**
 * The approved requests the dashboard shows: a day of annual leave (its check-ins gone, its day counted as
 * leave) and a made-up off-duty check-in, each as approving it would have left them (no approval id: the
 * approvals seed writes only the requests still pending, and attendance seeds none).
 */
async function demoRequests(em: EntityManager, version: RuleVersion, workDays: string[]): Promise<void> {
  const leaveDay = workDays.at(-6)!;
  const madeUpDay = workDays.at(-4)!;
  const decidedAt = zonedInstant(addDays(leaveDay, -3), 10 * 3600, version.timezone);
  await em.nativeDelete(CheckIn, { unionId: ON_LEAVE.unionId, localDate: leaveDay });
  const leave = new LeaveRequest(ON_LEAVE.unionId, LeaveType.ANNUAL, { date: leaveDay, half: DayHalf.MORNING }, { date: leaveDay, half: DayHalf.AFTERNOON }, 2, 'Family visit');
  Object.assign(leave, { status: LeaveStatus.APPROVED, decidedAt, createdAt: zonedInstant(addDays(leaveDay, -5), 9 * 3600, version.timezone) });
  const balance = new LeaveBalance(ON_LEAVE.unionId, LeaveType.ANNUAL, Number(leaveDay.slice(0, 4)));
  balance.usedHalfDays = leave.halfDays;
  await em.nativeDelete(CheckIn, { unionId: MADE_UP.unionId, localDate: madeUpDay, type: CheckInType.OFF_DUTY });
  const makeUp = new MakeUpRequest(MADE_UP.unionId, madeUpDay, CheckInType.OFF_DUTY, 'Forgot to check out after the client call', version.id);
  const checkIn = new CheckIn(MADE_UP.unionId, CheckInType.OFF_DUTY, zonedInstant(madeUpDay, 18 * 3600, version.timezone), { late: false, earlyLeave: false, outOfRange: false });
  Object.assign(checkIn, { localDate: madeUpDay, ruleId: version.ruleId, ruleVersionId: version.id, note: `Made up: ${makeUp.reason}`, makeUpRequestId: makeUp.id });
  Object.assign(makeUp, { status: MakeUpStatus.APPROVED, slotKey: slotOf(madeUpDay, CheckInType.OFF_DUTY), checkInId: checkIn.id, decidedAt: zonedInstant(addDays(madeUpDay, 1), 10 * 3600, version.timezone) });
  em.persist([leave, balance, makeUp, checkIn]);
  await em.flush();
}

/** `npm run seed`: the office rule and a month of check-ins for every person (about 40 rows each), in one transaction. */
export async function seedBenchmark(orm: MikroORM, { corpId, people }: BenchmarkCorp): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), corpId);
  if (await em.count(CheckInRule, {})) throw new Error(`Corp "${corpId}" already has attendance data: pick another --corp`);
  const dates = pastDays(30);
  await em.transactional(async (tx) => {
    const version = await officeRule(tx, dates[0]);
    await insertDays(tx, version, people, dates, corpId);
    await recountCheckInDays(tx, corpId);
  });
}
