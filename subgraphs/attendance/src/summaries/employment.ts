import type { EmployeeTargets } from '../graph';

/**
 * Whether a person worked for the corp on a day: from their first working day (joinedAt) to their last
 * (leftAt), both included. Outside it no day is a work day, so nobody is absent before joining or after leaving.
 */
export function employedOn(person: Pick<EmployeeTargets, 'unionId'> & Partial<Pick<EmployeeTargets, 'joinedAt' | 'leftAt'>>, date: string): boolean {
  if (person.joinedAt && date < person.joinedAt) return false;
  return !person.leftAt || date <= person.leftAt;
}

/** What a past or present work day's check-ins and leave make of it. */
export interface DayFacts {
  workDay: boolean;
  /** Before today in the rule's zone: only past days can be absent or missing a check-in. */
  past: boolean;
  onDuty: number;
  offDuty: number;
  field: number;
  late: number;
  earlyLeave: number;
  /** Approved leave on the day's halves. */
  leaveMorning: boolean;
  leaveAfternoon: boolean;
}

export interface DayJudgement {
  /** Half days of leave that count (work days only). */
  leaveHalves: number;
  late: number;
  earlyLeave: number;
  absent: boolean;
  missing: boolean;
}

/**
 * One rule for the day, month and department summaries alike: approved leave is never absence. A morning
 * off excuses lateness and the on-duty check-in, an afternoon off early leave and the off-duty one, a whole
 * day off everything; with half a day off and no check-in the worked half is missing, not an absent day.
 */
export function judgeDay(day: DayFacts): DayJudgement {
  if (!day.workDay) return { leaveHalves: 0, late: day.late, earlyLeave: day.earlyLeave, absent: false, missing: false };
  const leaveHalves = Number(day.leaveMorning) + Number(day.leaveAfternoon);
  const late = day.leaveMorning ? 0 : day.late;
  const earlyLeave = day.leaveAfternoon ? 0 : day.earlyLeave;
  if (!day.past || leaveHalves === 2) return { leaveHalves, late, earlyLeave, absent: false, missing: false };
  const checkIns = day.onDuty + day.offDuty + day.field;
  if (!checkIns) return { leaveHalves, late, earlyLeave, absent: leaveHalves === 0, missing: leaveHalves > 0 };
  const missing = day.field === 0 && ((!day.leaveMorning && day.onDuty === 0) || (!day.leaveAfternoon && day.offDuty === 0));
  return { leaveHalves, late, earlyLeave, absent: false, missing };
}
