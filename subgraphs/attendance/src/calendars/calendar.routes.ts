import type { IncomingMessage } from 'node:http';
import type { Router } from 'express';
import { Role, errors, type RouteKit } from '@corphub/module-kit';
import type { AttendanceLoaders } from '../loaders';
import type { AttendanceServices } from '../services';
import { parseIcs } from './calendar.ics';
import { MAX_ICS_BYTES, REGION } from './calendar.inputs';
import { replaceCalendarYears } from './calendar.service';

const CALENDAR_TYPES = ['text/calendar', 'text/plain'];

/** The body as UTF-8 text, refused (413) past `limit` bytes without reading the rest into memory. */
async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  const tooLarge = () => errors.BAD_USER_INPUT(`An .ics file is at most ${limit} bytes`, { reason: 'TOO_LARGE', http: { status: 413 } });
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `PUT /attendance/calendars/:region.ics` (admins): the same import as `importWorkCalendar`, for a file sent
 * as it is (`Content-Type: text/calendar`), e.g. `curl -T cn-2027.ics`. Answers `{ region, years, days }`;
 * a refusal is JSON `{ error: { code, message } }` (400, 403, 413 too large, 415 not a calendar) and writes nothing.
 */
export function calendarRoutes(router: Router, kit: RouteKit<AttendanceLoaders, AttendanceServices>): void {
  router.put('/attendance/calendars/:region.ics', async (req, res) => {
    const { auth, em } = await kit.context(req);
    if (auth.role !== Role.ADMIN) throw errors.FORBIDDEN('Only corp admins import a work calendar');
    const { region } = req.params;
    if (!REGION.test(region)) throw errors.BAD_USER_INPUT('region must be an ISO 3166 code such as CN or CN-HK');
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!CALENDAR_TYPES.includes(type)) throw errors.BAD_USER_INPUT('Send the file as text/calendar', { reason: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } });
    const days = parseIcs(await readText(req, MAX_ICS_BYTES)); // refused before the transaction starts
    const rows = await em.transactional((tx) => replaceCalendarYears(tx, region, days));
    res.json({ region, years: [...new Set(rows.map((row) => Number(row.date.slice(0, 4))))].sort(), days: rows.length });
  });
}
