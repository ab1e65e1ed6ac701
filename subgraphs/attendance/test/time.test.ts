import { localParts, zonedInstant } from '../src/time';

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
