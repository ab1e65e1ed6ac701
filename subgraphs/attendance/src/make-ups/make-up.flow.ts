import type { EntityManager } from '@mikro-orm/core';
import { errors, type ApprovalState } from '@corphub/module-kit';
import type { AttendanceContext } from '../context';
import { askManagerApproval, finalOutcome, MAKE_UP_SUBJECT } from '../approvals';
import { CheckIn, CheckInType } from '../check-ins/check-in.entity';
import { RuleVersion } from '../rules/rule.entity';
import { isWorkDay, rulesFor } from '../rules/rule.service';
import { employedOn } from '../summaries/employment';
import { clock } from '../clock';
import { addDays, localParts, minutesOf, zonedInstant } from '../time';
import { MakeUpRequest, MakeUpStatus, slotOf } from './make-up.entity';
import type { RequestMakeUpCheckInInput } from './make-up.inputs';

/** How far back a missed check-in may be made up. */
export const MAKE_UP_WINDOW_DAYS = 60;

/** Checks the slot and answers the rule version of the day; every refusal before anything is written. */
async function checkSlot(context: AttendanceContext, unionId: string, input: RequestMakeUpCheckInInput): Promise<RuleVersion> {
  const { em, loaders } = context;
  if (input.type === CheckInType.FIELD) throw errors.BAD_USER_INPUT('Only an ON_DUTY or OFF_DUTY check-in is made up');
  if (!input.reason.trim()) throw errors.BAD_USER_INPUT('A reason is required');
  const [person, book] = await Promise.all([loaders.targets.load(unionId), loaders.ruleBook()]);
  if (!person) throw errors.FORBIDDEN('Only an employee of the corp makes up a check-in');
  const version = rulesFor(book, person).on(input.date);
  if (!version || !employedOn(person, input.date) || !isWorkDay(version, input.date, book.calendar)) {
    throw errors.BAD_USER_INPUT(`${input.date} is not one of your work days`, { reason: 'NOT_A_WORK_DAY' });
  }
  const today = localParts(clock.now(), version.timezone).date;
  if (input.date > today) throw errors.BAD_USER_INPUT('A check-in is made up for a past day or today, not a future one', { reason: 'FUTURE_DAY' });
  if (input.date < addDays(today, -MAKE_UP_WINDOW_DAYS)) throw errors.BAD_USER_INPUT(`A check-in is made up within ${MAKE_UP_WINDOW_DAYS} days`, { reason: 'TOO_OLD' });
  if (await em.count(CheckIn, { unionId, localDate: input.date, type: input.type })) {
    throw errors.CONFLICT(`You have an ${input.type} check-in on ${input.date}: nothing to make up`, { reason: 'ALREADY_CHECKED_IN' });
  }
  return version;
}

/** Writes the request (the slot once: CONFLICT while it is pending or made up), then asks the manager. */
export async function requestMakeUp(context: AttendanceContext, input: RequestMakeUpCheckInInput): Promise<MakeUpRequest> {
  const { auth, em } = context;
  const unionId = auth.unionId;
  if (!unionId) throw errors.FORBIDDEN('Only an employee with a UnionID makes up a check-in, for themself');
  const version = await checkSlot(context, unionId, input);
  const makeUp = await em.transactional(async (tx) => {
    const taken = await tx.findOne(MakeUpRequest, { unionId, slotKey: slotOf(input.date, input.type) });
    if (taken) throw errors.CONFLICT(`The ${input.type} check-in of ${input.date} is already ${taken.status === MakeUpStatus.APPROVED ? 'made up' : 'asked for'}`, { reason: 'MAKE_UP_EXISTS', makeUpRequestId: taken.id });
    const row = new MakeUpRequest(unionId, input.date, input.type, input.reason.trim(), version.id);
    row.slotKey = slotOf(input.date, input.type);
    // a concurrent request for the same slot loses on the unique (corp, person, slot) index: CONFLICT
    await tx.persist(row).flush();
    return row;
  });
  return askManagerApproval(
    context,
    makeUp,
    {
      subjectType: MAKE_UP_SUBJECT,
      requesterUnionId: unionId,
      title: `Make up the ${input.type === CheckInType.ON_DUTY ? 'on-duty' : 'off-duty'} check-in of ${input.date}`,
      summary: makeUp.reason,
    },
    async (tx) => {
      await tx.nativeDelete(MakeUpRequest, { id: makeUp.id });
    },
  );
}

/**
 * Applies an approval's outcome: approved, the check-in is written at the rule's on- or off-duty time of
 * that day (on time by definition); otherwise the slot is freed. Compare-and-set on the status, so an
 * outcome applied twice writes one check-in.
 */
export async function applyMakeUpOutcome(tx: EntityManager, makeUp: MakeUpRequest, state: ApprovalState): Promise<void> {
  const outcome = finalOutcome(state);
  if (makeUp.status !== MakeUpStatus.PENDING || !outcome) return;
  const approved = outcome.status === 'APPROVED';
  let checkInId: string | null = null;
  if (approved) {
    // the rule of the day when it was asked for; if the person checked in meanwhile, one check-in is enough
    const already = await tx.count(CheckIn, { unionId: makeUp.unionId, localDate: makeUp.date, type: makeUp.type });
    const version = already ? null : await tx.findOne(RuleVersion, { id: makeUp.ruleVersionId });
    if (version) {
      const time = makeUp.type === CheckInType.ON_DUTY ? version.onDutyTime : version.offDutyTime;
      const checkIn = new CheckIn(makeUp.unionId, makeUp.type, zonedInstant(makeUp.date, minutesOf(time) * 60, version.timezone), { late: false, earlyLeave: false, outOfRange: false });
      Object.assign(checkIn, { localDate: makeUp.date, ruleId: version.ruleId, ruleVersionId: version.id, note: `Made up: ${makeUp.reason}`.slice(0, 500), makeUpRequestId: makeUp.id });
      tx.persist(checkIn);
      checkInId = checkIn.id;
    }
  }
  const affected = await tx.nativeUpdate(MakeUpRequest, { id: makeUp.id, status: MakeUpStatus.PENDING }, { status: MakeUpStatus[outcome.status], decidedAt: outcome.at, checkInId, ...(approved ? {} : { slotKey: null }) });
  if (affected !== 1) {
    tx.clear(); // someone else applied it first: write nothing
    return;
  }
  await tx.flush();
}
