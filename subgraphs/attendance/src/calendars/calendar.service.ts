import type { EntityManager } from '@mikro-orm/core';
import { CalendarDay, type CalendarDayKind } from './calendar.entity';
import type { ParsedDay } from './calendar.ics';

/** A corp's calendar days by `${region}|${date}`: what rules naming a region read instead of lists of their own. */
export type CalendarDays = Map<string, CalendarDayKind>;

export const calendarKey = (region: string, date: string) => `${region}|${date}`;

/** The calendar days of the regions asked (one statement; none when no rule names a region). */
export async function loadCalendar(em: EntityManager, regions: readonly string[]): Promise<CalendarDays> {
  if (!regions.length) return new Map();
  const rows = await em.find(CalendarDay, { region: { $in: [...new Set(regions)] } });
  return new Map(rows.map((row) => [calendarKey(row.region, row.date), row.kind]));
}

/**
 * Replaces a region's calendar for the years the import covers with its days: a corrected calendar for a
 * year is imported again whole. Runs in the caller's transaction: a refused file writes nothing.
 */
export async function replaceCalendarYears(em: EntityManager, region: string, days: readonly ParsedDay[]): Promise<CalendarDay[]> {
  const years = [...new Set(days.map((day) => day.date.slice(0, 4)))];
  await em.nativeDelete(CalendarDay, { region, $or: years.map((year) => ({ date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } })) });
  const rows = days.map((day) => new CalendarDay(region, day.date, day.kind, day.name));
  em.persist(rows);
  await em.flush();
  return rows;
}
