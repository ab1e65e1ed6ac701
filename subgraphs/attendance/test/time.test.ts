import { addDays, datesBetween, daysBetween, localParts, zonedInstant } from '../src/time';

/** What Intl alone says: the reference the cached offsets must match. */
const formats = new Map<string, Intl.DateTimeFormat>();
function viaIntl(instant: Date, timeZone: string): { date: string; seconds: number } {
  if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }));
  const parts = Object.fromEntries(formats.get(timeZone)!.formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, seconds: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second) };
}

// DST at 01:00 UTC, 02:00 local, half-hour and 45-minute offsets and shifts, a southern summer, none at all
const ZONES = ['Asia/Shanghai', 'UTC', 'Europe/London', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/Santiago', 'Africa/Casablanca'];

describe('localParts with offsets cached per zone and UTC day', () => {
  it('agrees with Intl every hour and 13 seconds through 2026, DST changes included', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    for (const zone of ZONES) {
      const wrong: string[] = [];
      for (let ms = from; ms < to; ms += 3_613_000) {
        const instant = new Date(ms + (ms % 997)); // some milliseconds too: Intl drops them
        if (JSON.stringify(localParts(instant, zone)) !== JSON.stringify(viaIntl(instant, zone))) wrong.push(instant.toISOString());
      }
      expect([zone, wrong.slice(0, 3)]).toEqual([zone, []]);
    }
  });

  it('agrees with Intl on every second around a change (New York, 8 March 2026 07:00 UTC) and far from today', () => {
    const change = Date.UTC(2026, 2, 8, 7);
    for (let ms = change - 5000; ms <= change + 5000; ms += 1000) {
      expect(localParts(new Date(ms), 'America/New_York')).toEqual(viaIntl(new Date(ms), 'America/New_York'));
    }
    for (const iso of ['1901-06-01T12:00:00Z', '1969-12-31T23:59:59.500Z', '2099-10-27T01:30:00Z']) {
      for (const zone of ZONES) expect(localParts(new Date(iso), zone)).toEqual(viaIntl(new Date(iso), zone));
    }
  });

  it('turns a wall-clock time back into the instant, the earlier one in an overlap', () => {
    expect(zonedInstant('2026-11-30', 9 * 3600, 'Asia/Shanghai').toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(zonedInstant('2026-11-01', 1.5 * 3600, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedInstant('2026-03-08', 12 * 3600, 'America/New_York').toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });

  it('still refuses an unknown zone and an invalid date', () => {
    expect(() => localParts(new Date(), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => localParts(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});

describe('datesBetween counted on the date fields', () => {
  /** One Date per day: the reference the field arithmetic must match. */
  function viaDates(from: string, to: string): string[] {
    const dates: string[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
    return dates;
  }

  it('lists what a Date per day lists, across month ends, leap days (2000, 2024, not 1900, 2100) and years', () => {
    const ranges: [string, string][] = [
      ['2024-01-15', '2024-03-15'],
      ['2023-02-01', '2023-03-02'],
      ['1899-12-01', '1900-03-31'],
      ['1999-12-20', '2000-03-05'],
      ['2099-12-31', '2100-03-01'],
      ['0999-12-30', '1000-01-02'],
      ['2026-12-06', '2027-12-06'],
      ['2026-05-01', '2026-05-01'],
      ['2026-05-02', '2026-05-01'],
    ];
    for (const [from, to] of ranges) {
      expect([from, to, datesBetween(from, to)]).toEqual([from, to, viaDates(from, to)]);
      expect([from, to, daysBetween(from, to)]).toEqual([from, to, viaDates(from, to).length]);
    }
  });
});
