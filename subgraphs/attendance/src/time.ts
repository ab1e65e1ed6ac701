/** Calendar arithmetic in a rule's IANA time zone, with the platform's Intl (no date library needed). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, found);
  }
  return found;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** What Intl shows on a wall clock in `timeZone` (whole seconds): the exact answer, and slow (a seed asks per row). */
function intlParts(instant: Date, timeZone: string): { date: string; seconds: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, seconds: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second) };
}

const DAY_MS = 86_400_000;
// years 1000–9999: where Intl's four-digit year and toISOString() agree
const CACHED_FROM = Date.UTC(1000, 0, 1);
const CACHED_TO = Date.UTC(9999, 11, 31);

/** UTC offset (ms) of a zone over one UTC day, or null on a day its offset changes (DST): `${zone}|${day}`. */
const dayOffsets = new Map<string, number | null>();

function offsetAt(ms: number, timeZone: string): number {
  const { date, seconds } = intlParts(new Date(ms), timeZone);
  return Date.parse(`${date}T00:00:00Z`) + seconds * 1000 - ms;
}

/**
 * The zone's offset for the UTC day of `ms`, read through Intl twice per zone and day (its first and last
 * second agree: no change that day) instead of once per call. Null when the offset changes that day.
 */
function dayOffset(ms: number, timeZone: string): number | null {
  const day = Math.floor(ms / DAY_MS);
  const key = `${timeZone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = offsetAt(day * DAY_MS, timeZone);
    offset = first === offsetAt((day + 1) * DAY_MS - 1000, timeZone) ? first : null;
    if (dayOffsets.size >= 10_000) dayOffsets.clear(); // a server asks about a few months, a seed about one
    dayOffsets.set(key, offset);
  }
  return offset;
}

/** An instant as seen on a wall clock in `timeZone`: its local date and seconds since local midnight. */
export function localParts(instant: Date, timeZone: string): { date: string; seconds: number } {
  const ms = instant.getTime();
  const offset = ms >= CACHED_FROM && ms <= CACHED_TO ? dayOffset(ms, timeZone) : null;
  if (offset === null) return intlParts(instant, timeZone);
  // Intl shows whole seconds: drop the milliseconds as it does
  const local = Math.floor((ms + offset) / 1000) * 1000;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  return { date: new Date(midnight).toISOString().slice(0, 10), seconds: (local - midnight) / 1000 };
}

/** ISO weekday of a LocalDate: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Every LocalDate from `from` to `to`, both included, counted on the date's own fields rather than with a
 * Date per day: summaries walk their range on every request.
 */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  const parts = LOCAL_DATE.exec(from);
  if (!parts) {
    for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
    return dates;
  }
  let year = Number(parts[1]);
  let month = Number(parts[2]);
  let day = Number(parts[3]);
  let yearText = parts[1];
  for (let date = from; date <= to; ) {
    dates.push(date);
    if (day < daysInMonth(year, month)) day++;
    else if (month < 12) [month, day] = [month + 1, 1];
    else {
      [year, month, day] = [year + 1, 1, 1];
      // LocalDates end with 9999-12-31
      if (year > 9999) break;
      yearText = String(year).padStart(4, '0');
    }
    date = `${yearText}-${twoDigits(month)}-${twoDigits(day)}`;
  }
  return dates;
}

/** How many LocalDates `datesBetween(from, to)` lists, without listing them. */
export function daysBetween(from: string, to: string): number {
  return from > to ? 0 : Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** 'HH:MM' → minutes since midnight. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** A month 'YYYY-MM' → its first and last LocalDate. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The instant a wall clock in `timeZone` shows `seconds` after midnight of `date` (the earlier one in a DST overlap). */
export function zonedInstant(date: string, seconds: number, timeZone: string): Date {
  const wanted = Date.parse(`${date}T00:00:00Z`) + seconds * 1000;
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const seen = localParts(new Date(guess), timeZone);
    const shown = Date.parse(`${seen.date}T00:00:00Z`) + seen.seconds * 1000;
    if (shown === wanted) break;
    guess += wanted - shown;
  }
  return new Date(guess);
}
