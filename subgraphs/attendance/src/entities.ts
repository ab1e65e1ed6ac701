import { CheckInRule, RuleVersion } from './rules/rule.entity';
import { CheckIn } from './check-ins/check-in.entity';
import { CheckInDay } from './check-ins/check-in-day.entity';
import { CalendarDay } from './calendars/calendar.entity';
import { LeaveBalance, LeavePolicy, LeaveRequest } from './leave/leave.entity';
import { MakeUpRequest } from './make-ups/make-up.entity';

export const entities = [CheckInRule, RuleVersion, CheckIn, CheckInDay, CalendarDay, LeaveRequest, LeavePolicy, LeaveBalance, MakeUpRequest];
