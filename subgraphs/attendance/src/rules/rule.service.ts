import type { EntityManager } from '@mikro-orm/core';
import { errors } from '@corphub/module-kit';
import { CheckInType } from '../check-ins/check-in.entity';
import { distanceMeters } from '../geo';
import type { EmployeeTargets } from '../graph';
import { isoWeekday, localParts, minutesOf } from '../time';
import { CheckInRule, RuleStatus, RuleVersion } from './rule.entity';
import type { RuleSettingsInput, RuleTargetsInput } from './rule.inputs';
import { calendarKey, loadCalendar, type CalendarDays } from '../calendars/calendar.service';

/** The corp's rules with their versions (oldest first): two statements, once per request. */
export interface RuleBook {
  rules: CheckInRule[];
  versions: Map<string, RuleVersion[]>;
  /** The calendar days of the regions the versions follow. */
  calendar: CalendarDays;
}

export async function loadRuleBook(em: EntityManager): Promise<RuleBook> {
  const rules = await em.find(CheckInRule, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const rows = rules.length ? await em.find(RuleVersion, { ruleId: { $in: rules.map((rule) => rule.id) } }, { orderBy: { effectiveFrom: 'asc' } }) : [];
  const versions = new Map<string, RuleVersion[]>(rules.map((rule) => [rule.id, []]));
  for (const row of rows) versions.get(row.ruleId)?.push(row);
  const regions = rows.flatMap((row) => (row.calendarRegion ? [row.calendarRegion] : []));
  return { rules, versions, calendar: await loadCalendar(em, regions) };
}

/**
 * How specifically a rule version names a person, larger wins: the person themself, then one of their
 * tags, then their department (a nearer one beats an ancestor), then a corp-wide version that names
 * nobody. Null when the version does not apply to them. Targets are versioned like the schedule, so who a
 * rule applied to on a past day never changes.
 */
function specificity(version: RuleVersion, person: EmployeeTargets | null): number | null {
  const unionId = person?.unionId;
  if (unionId && version.unionIds.includes(unionId)) return 3000;
  if (person && version.tags.some((tag) => person.tags.includes(tag))) return 2000;
  if (person && version.departmentIds.length) {
    const distances = person.departmentChains.flatMap((chain) => chain.map((id, distance) => (version.departmentIds.includes(id) ? distance : Infinity)));
    const nearest = Math.min(Infinity, ...distances);
    if (nearest !== Infinity) return 1000 - nearest;
  }
  if (!version.unionIds.length && !version.tags.length && !version.departmentIds.length) return 0;
  return null;
}

/** The version of a rule in force on a local date, or null before its first version or once retired. */
export function versionOn(book: RuleBook, rule: CheckInRule, date: string): RuleVersion | null {
  if (rule.status === RuleStatus.RETIRED && rule.retiredFrom && date >= rule.retiredFrom) return null;
  const versions = book.versions.get(rule.id) ?? [];
  let found: RuleVersion | null = null;
  for (const version of versions) if (version.effectiveFrom <= date) found = version;
  return found;
}

/** Which rule version judges a person's days and check-ins. */
export interface PersonRules {
  /** The most specific version in force on a local date (ties: the older rule). */
  on(date: string): RuleVersion | null;
  /** The same for an instant: each rule judged on the local date in its own zone. */
  at(instant: Date): RuleVersion | null;
}

/** A person's rules, with each version's specificity worked out once (a month of days asks many times). */
export function rulesFor(book: RuleBook, person: EmployeeTargets | null): PersonRules {
  const scores = new Map<string, number | null>();
  const score = (version: RuleVersion) => {
    if (!scores.has(version.id)) scores.set(version.id, specificity(version, person));
    return scores.get(version.id)!;
  };
  const best = (dateOf: (rule: CheckInRule) => string | null): RuleVersion | null => {
    let found: { version: RuleVersion; score: number } | null = null;
    for (const rule of book.rules) {
      const date = dateOf(rule);
      const version = date === null ? null : versionOn(book, rule, date);
      const value = version ? score(version) : null;
      // rules are oldest first: a later rule wins only when strictly more specific
      if (version && value !== null && (!found || value > found.score)) found = { version, score: value };
    }
    return found?.version ?? null;
  };
  return {
    on: (date) => best(() => date),
    at: (instant) =>
      best((rule) => {
        const latest = book.versions.get(rule.id)?.at(-1);
        return latest ? localParts(instant, latest.timezone).date : null;
      }),
  };
}

/** A day off for a holiday: one of the rule's weekdays that its lists or its region's calendar take off. */
export function isHoliday(version: RuleVersion, date: string, calendar: CalendarDays): boolean {
  return version.workDays.includes(isoWeekday(date)) && !isWorkDay(version, date, calendar);
}

/** Whether a date is a work day of a rule version: its own lists, then its region's calendar, then the weekday. */
export function isWorkDay(version: RuleVersion, date: string, calendar: CalendarDays): boolean {
  const kind = version.calendarRegion ? calendar.get(calendarKey(version.calendarRegion, date)) : undefined;
  return version.isWorkDay(date, isoWeekday(date), kind);
}

export interface Evaluation {
  localDate: string;
  late: boolean;
  earlyLeave: boolean;
  outOfRange: boolean;
  placeName: string | null;
  /** The nearest place whether inside or not: an out-of-range check-in says how far from where. */
  nearestPlaceName: string | null;
  distanceMeters: number | null;
}

export interface CheckInFacts {
  type: CheckInType;
  at: Date;
  location?: { latitude: number; longitude: number } | null;
  bssid?: string | null;
  /** Seconds after local midnight of the day's first ON_DUTY check-in, if any (flexible hours). */
  firstInSeconds?: number | null;
}

/**
 * Judges one check-in by one rule version. Late: after on-duty + flexible + grace minutes (exactly at the
 * grace minute is on time). Early leave: before off-duty − grace, off-duty moved later by as much as the
 * person arrived late within the flexible minutes. Out of range: an office check-in neither within a
 * place's radius (the edge counts as inside) nor on an allowed Wi-Fi access point.
 */
export function evaluate(version: RuleVersion, facts: CheckInFacts, calendar: CalendarDays): Evaluation {
  const local = localParts(facts.at, version.timezone);
  const workDay = isWorkDay(version, local.date, calendar);
  const onDuty = minutesOf(version.onDutyTime) * 60;
  const offDuty = minutesOf(version.offDutyTime) * 60;
  const late = workDay && facts.type === CheckInType.ON_DUTY && local.seconds > onDuty + (version.flexibleMinutes + version.lateGraceMinutes) * 60;
  let earlyLeave = false;
  if (workDay && facts.type === CheckInType.OFF_DUTY) {
    const shift = facts.firstInSeconds == null ? 0 : Math.min(Math.max(facts.firstInSeconds - onDuty, 0), version.flexibleMinutes * 60);
    earlyLeave = local.seconds < offDuty + shift - version.earlyLeaveGraceMinutes * 60;
  }
  let nearest: { name: string; distance: number; inside: boolean } | null = null;
  if (facts.location) {
    for (const place of version.places) {
      const distance = distanceMeters(facts.location, place);
      if (!nearest || distance < nearest.distance) nearest = { name: place.name, distance, inside: distance <= place.radiusMeters };
    }
  }
  const onWifi = !!facts.bssid && version.wifiBssids.includes(facts.bssid.toLowerCase());
  const guarded = version.places.length > 0 || version.wifiBssids.length > 0;
  const outOfRange = facts.type !== CheckInType.FIELD && guarded && !nearest?.inside && !onWifi;
  return {
    localDate: local.date,
    late,
    earlyLeave,
    outOfRange,
    placeName: nearest?.inside ? nearest.name : null,
    nearestPlaceName: nearest?.name ?? null,
    distanceMeters: nearest ? Math.round(nearest.distance * 100) / 100 : null,
  };
}

/** A rule version's schedule and places from the input (off duty after on duty). */
export function applySettings(version: RuleVersion, settings: RuleSettingsInput): void {
  if (minutesOf(settings.offDutyTime) <= minutesOf(settings.onDutyTime)) {
    throw errors.BAD_USER_INPUT(`offDutyTime (${settings.offDutyTime}) must be after onDutyTime (${settings.onDutyTime})`);
  }
  Object.assign(version, {
    timezone: settings.timezone,
    workDays: [...new Set(settings.workDays)].sort(),
    onDutyTime: settings.onDutyTime,
    offDutyTime: settings.offDutyTime,
    flexibleMinutes: settings.flexibleMinutes,
    lateGraceMinutes: settings.lateGraceMinutes,
    earlyLeaveGraceMinutes: settings.earlyLeaveGraceMinutes,
    places: settings.places.map(({ name, latitude, longitude, radiusMeters }) => ({ name, latitude, longitude, radiusMeters })),
    fieldPhotoRequired: settings.fieldPhotoRequired,
    wifiBssids: settings.wifiBssids.map((bssid) => bssid.toLowerCase()),
    holidays: [...settings.holidays],
    specialWorkDays: [...settings.specialWorkDays],
    calendarRegion: settings.calendarRegion ?? null,
  });
}

/** Whom a rule version applies to, each once. */
export function applyTargets(version: RuleVersion, targets: RuleTargetsInput): void {
  version.departmentIds = [...new Set(targets.departmentIds)];
  version.unionIds = [...new Set(targets.unionIds)];
  version.tags = [...new Set(targets.tags)];
}

/** The settings a new version starts from: the latest version's (the one in force from tomorrow on). */
export function copySettings(version: RuleVersion, from: RuleVersion): void {
  const { timezone, workDays, onDutyTime, offDutyTime, flexibleMinutes, lateGraceMinutes, earlyLeaveGraceMinutes, places, fieldPhotoRequired, wifiBssids, holidays, specialWorkDays, calendarRegion, departmentIds, unionIds, tags } = from;
  Object.assign(version, {
    timezone,
    workDays: [...workDays],
    onDutyTime,
    offDutyTime,
    flexibleMinutes,
    lateGraceMinutes,
    earlyLeaveGraceMinutes,
    places: places.map((place) => ({ ...place })),
    fieldPhotoRequired,
    wifiBssids: [...wifiBssids],
    holidays: [...holidays],
    specialWorkDays: [...specialWorkDays],
    calendarRegion,
    departmentIds: [...departmentIds],
    unionIds: [...unionIds],
    tags: [...tags],
  });
}
