import { CheckInRule, RuleVersion } from './rules/rule.entity';
import { CheckIn } from './check-ins/check-in.entity';
import { CalendarDay } from './calendars/calendar.entity';

export const entities = [CheckInRule, RuleVersion, CheckIn, CalendarDay];
