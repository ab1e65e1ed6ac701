import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role, errors } from '@corphub/module-kit';
import type { AttendanceContext } from '../context';
import { CalendarDay } from './calendar.entity';
import { parseIcs } from './calendar.ics';
import { ImportWorkCalendarInput, REGION } from './calendar.inputs';
import { replaceCalendarYears } from './calendar.service';

@Resolver(() => CalendarDay)
export class CalendarResolver {
  @Query(() => [CalendarDay], { description: "A region's holidays and swapped working days in a year, by date." })
  async workCalendar(@Arg('region', () => String) region: string, @Arg('year', () => Int) year: number, @Ctx() { em }: AttendanceContext): Promise<CalendarDay[]> {
    if (!REGION.test(region)) throw errors.BAD_USER_INPUT('region must be an ISO 3166 code such as CN or CN-HK');
    if (year < 1900 || year > 9999) throw errors.BAD_USER_INPUT('year must be 1900–9999');
    return em.find(CalendarDay, { region, date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } }, { orderBy: { date: 'asc' } });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => [CalendarDay], {
    description: "Imports a region's work calendar from iCalendar (.ics): the years it covers replace the region's days for them. Rules that name the region (settings.calendarRegion) follow it. A file it cannot read exactly is BAD_USER_INPUT and writes nothing.",
  })
  async importWorkCalendar(@Arg('input', () => ImportWorkCalendarInput) input: ImportWorkCalendarInput, @Ctx() { em }: AttendanceContext): Promise<CalendarDay[]> {
    const days = parseIcs(input.ics); // refused before the transaction starts
    return em.transactional((tx) => replaceCalendarYears(tx, input.region, days));
  }
}
