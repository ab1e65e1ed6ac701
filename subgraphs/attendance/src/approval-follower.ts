import type { MikroORM } from '@mikro-orm/core';
import { followApprovals, outboxPollMs, type Logger, type Poller } from '@corphub/module-kit';
import type { AttendanceServices } from './services';
import { LEAVE_SUBJECT, MAKE_UP_SUBJECT } from './approvals';
import { LeaveRequest, LeaveStatus } from './leave/leave.entity';
import { applyLeaveOutcome } from './leave/leave.flow';
import { MakeUpRequest, MakeUpStatus } from './make-ups/make-up.entity';
import { applyMakeUpOutcome } from './make-ups/make-up.flow';

/**
 * Follows attendance's approvals: every round lists the leave and make-up requests still waiting (across
 * corps), asks approvals for their state and applies each final outcome in a transaction of its corp.
 */
export function followAttendanceApprovals(orm: MikroORM, services: AttendanceServices, logger: Logger): Poller {
  return followApprovals({
    orm,
    client: services.approvals,
    logger,
    pollMs: outboxPollMs(),
    pending: async (em) => {
      const waiting = { approvalId: { $ne: null } } as const;
      const [leave, makeUps] = await Promise.all([
        em.find(LeaveRequest, { status: LeaveStatus.PENDING, ...waiting }, { filters: false, fields: ['corpId', 'approvalId'] }),
        em.find(MakeUpRequest, { status: MakeUpStatus.PENDING, ...waiting }, { filters: false, fields: ['corpId', 'approvalId'] }),
      ]);
      return [...leave, ...makeUps].map((row) => ({ corpId: row.corpId, approvalId: row.approvalId! }));
    },
    apply: async (tx, state) => {
      if (state.subjectType === LEAVE_SUBJECT) {
        const leave = await tx.findOne(LeaveRequest, { approvalId: state.id });
        if (leave) await applyLeaveOutcome(tx, leave, state);
      } else if (state.subjectType === MAKE_UP_SUBJECT) {
        const makeUp = await tx.findOne(MakeUpRequest, { approvalId: state.id });
        if (makeUp) await applyMakeUpOutcome(tx, makeUp, state);
      }
    },
  });
}
