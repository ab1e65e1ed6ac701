import type { EntityData, EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import { errorCodeOf, type ApprovalAsk, type ApprovalState } from '@corphub/module-kit';
import type { AttendanceContext } from './context';
import { clock } from './clock';

/** The approvals subject types of attendance's requests. */
export const LEAVE_SUBJECT = 'LeaveRequest';
export const MAKE_UP_SUBJECT = 'MakeUpRequest';

/** Leave and make-up check-ins are approved by the person's manager. */
const MANAGER_STEP = [{ kind: 'MANAGER_CHAIN' as const, depth: 1 }];

/**
 * Asks the approvals service (as the `attendance` app) to approve a just-written request, the person's
 * manager deciding, and records the approval's id on it. When the service refuses (no manager, say) `undo`
 * removes the request in a transaction and the refusal is answered, so nothing half-written is left.
 */
export async function askManagerApproval<Request extends { id: string; approvalId?: string | null }>(
  { auth, em, services, requestId }: AttendanceContext,
  request: Request,
  ask: Omit<ApprovalAsk, 'steps' | 'subjectId'>,
  undo: (tx: EntityManager) => Promise<void>,
): Promise<Request> {
  let state: ApprovalState;
  try {
    state = await services.approvals.request(auth.corpId, { ...ask, subjectId: request.id, steps: MANAGER_STEP }, requestId);
  } catch (error) {
    // CONFLICT: the subject already waits for an approval (a retry racing its first attempt), which stands
    if (errorCodeOf(error) !== 'CONFLICT') await em.transactional(undo);
    throw error;
  }
  const entity = (request as object).constructor as EntityName<Request>;
  await em.nativeUpdate(entity, { id: request.id } as FilterQuery<Request>, { approvalId: state.id } as unknown as EntityData<Request>);
  request.approvalId = state.id;
  return request;
}

/** A final outcome's status (LeaveStatus and MakeUpStatus name them alike) and when it was decided; null while pending. */
export function finalOutcome(state: ApprovalState): { status: Exclude<ApprovalState['status'], 'PENDING'>; at: Date } | null {
  if (state.status === 'PENDING') return null;
  return { status: state.status, at: state.decidedAt ? new Date(state.decidedAt) : clock.now() };
}
