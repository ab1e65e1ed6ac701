import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { errors } from '@corphub/module-kit';
import { addDays } from '../time';
import { CalendarDayKind } from './calendar.entity';

// ical.js (RFC 5545 parser, no dependencies) ships a CommonJS build next to its ES module
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;

export interface ParsedDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** At most this many days in one import: a few years of holidays, not a diary. */
const MAX_DAYS = 2000;

/**
 * An event is a swapped working day when its CATEGORIES say WORKDAY, or its summary says 班 (上班, 补班) or
 * "working day", as the published Chinese holiday calendars write it; every other event is a holiday.
 */
function kindOf(event: ICALModule.Component, summary: string): CalendarDayKind {
  const categories = event.getAllProperties('categories').flatMap((property) => property.getValues().map(String));
  if (categories.some((category) => category.trim().toUpperCase() === 'WORKDAY')) return CalendarDayKind.WORKDAY;
  if (categories.some((category) => category.trim().toUpperCase() === 'HOLIDAY')) return CalendarDayKind.HOLIDAY;
  return /班|working day|workday/i.test(summary) ? CalendarDayKind.WORKDAY : CalendarDayKind.HOLIDAY;
}

/**
 * The days of an iCalendar text: each all-day VEVENT, DTSTART to DTEND (exclusive) or one day. Refuses
 * (BAD_USER_INPUT) what it cannot read exactly: unparsable text, no VCALENDAR, timed or recurring events,
 * a day given twice with two kinds, no event at all.
 */
export function parseIcs(text: string): ParsedDay[] {
  let root: ICALModule.Component;
  try {
    // ical.js types parse()'s jCal result as any
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw errors.BAD_USER_INPUT(`Not an iCalendar file: ${(error as Error).message}`);
  }
  if (root.name !== 'vcalendar') throw errors.BAD_USER_INPUT('An iCalendar file starts with BEGIN:VCALENDAR');
  const days = new Map<string, ParsedDay>();
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const summary = (event.summary ?? '').trim() || 'Holiday';
    if (!event.startDate) throw errors.BAD_USER_INPUT(`Event "${summary}" has no DTSTART`);
    if (!event.startDate.isDate) throw errors.BAD_USER_INPUT(`Event "${summary}" is not an all-day event (DTSTART;VALUE=DATE)`);
    if (event.isRecurring()) throw errors.BAD_USER_INPUT(`Event "${summary}" recurs (RRULE): list each year's days instead`);
    const first = event.startDate.toString().slice(0, 10);
    const end = event.endDate && event.endDate.isDate ? event.endDate.toString().slice(0, 10) : addDays(first, 1);
    if (end <= first) throw errors.BAD_USER_INPUT(`Event "${summary}" ends before it starts`);
    const kind = kindOf(vevent, summary);
    for (let date = first; date < end; date = addDays(date, 1)) {
      const seen = days.get(date);
      if (seen && seen.kind !== kind) throw errors.BAD_USER_INPUT(`${date} is both a holiday and a working day`);
      days.set(date, { date, kind, name: summary.slice(0, 200) });
      if (days.size > MAX_DAYS) throw errors.BAD_USER_INPUT(`At most ${MAX_DAYS} days an import`);
    }
  }
  if (!days.size) throw errors.BAD_USER_INPUT('The iCalendar file has no all-day events');
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}
