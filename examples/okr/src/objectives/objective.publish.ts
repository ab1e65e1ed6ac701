import type { EntityManager } from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import { errorCodeOf, errors, isUuid, Role, type ApprovalState } from '@corphub/module-kit';
import type { OkrContext } from '../context';
import { MAX_DECISION_COMMENT_LENGTH, Objective, ObjectiveStatus } from './objective.entity';

/** The approvals subject type of a request to publish an objective. */
export const OBJECTIVE_SUBJECT = 'Objective';

/** The owner's manager decides. */
const MANAGER_STEP = [{ kind: 'MANAGER_CHAIN' as const, depth: 1 }];

/** Failures that may pass (the hub unreachable, busy or failing): the claim stays, and the same call again resumes. */
const TRANSIENT = new Set(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'INTERNAL_SERVER_ERROR', 'RATE_LIMITED']);

/** Re-reads the row (the conditional updates below bypass the identity map). */
const reload = (em: EntityManager, id: string) => em.findOneOrFail(Objective, { id }, { refresh: true });

/**
 * Claims the objective for this publish: PRIVATE at the version the owner read → PUBLISH_PENDING, one version
 * up, in one conditional statement, so that of two racing publishes exactly one wins. The same call again (the
 * version it was claimed from) finds its own claim and resumes; anything else is CONFLICT.
 */
async function claim(em: EntityManager, objective: Objective, version: number): Promise<Objective> {
  const { id } = objective;
  if (objective.status === ObjectiveStatus.PUBLISH_PENDING && objective.version === version + 1) return objective;
  if (objective.status !== ObjectiveStatus.PRIVATE) {
    throw errors.CONFLICT(`Objective "${id}" is ${objective.status}, not PRIVATE`, { currentStatus: objective.status, currentVersion: objective.version });
  }
  if (objective.version !== version) throw errors.CONFLICT(`Objective "${id}" is at version ${objective.version}, not ${version}: reload it`, { currentVersion: objective.version });
  const affected = await em.nativeUpdate(Objective, { id, status: ObjectiveStatus.PRIVATE, version }, { status: ObjectiveStatus.PUBLISH_PENDING, version: version + 1, approvalId: null, decisionComment: null });
  if (affected !== 1) throw errors.CONFLICT(`Objective "${id}" was changed by someone else: reload it`);
  return reload(em, id);
}

/**
 * The owner asks to publish their objective to the whole corp; their manager decides in the hub's inbox. The
 * objective is claimed first, then the hub's approvals service is asked as the `okr` app; its request's id is
 * kept. Retry-safe: when the hub already holds a pending request for the objective (the first attempt got
 * through but its answer was lost), CONFLICT names it and it is adopted. A refusal that will not pass (no
 * manager, the app not set up) gives the claim back (PRIVATE); a passing failure keeps it for the retry.
 */
export async function publishObjective({ auth, em, services, requestId }: OkrContext, id: string, version: number): Promise<Objective> {
  const found = isUuid(id) ? await em.findOne(Objective, { id }) : null;
  // another corp's objective is not found: the corp filter hides it
  if (!found) throw errors.NOT_FOUND(`Objective "${id}" not found`);
  if (!auth.unionId || auth.unionId !== found.ownerUnionId || auth.role === Role.ANALYST) throw errors.FORBIDDEN('Only its owner asks to publish an objective');
  const objective = await claim(em, found, version);
  if (objective.approvalId) return objective;
  let approvalId: string;
  try {
    const asked = await services.approvals.request(
      auth.corpId,
      {
        subjectType: OBJECTIVE_SUBJECT,
        subjectId: objective.id,
        requesterUnionId: objective.ownerUnionId,
        title: `Publish "${objective.title.slice(0, 150)}" to the whole corp`,
        summary: `Objective for ${objective.quarter}`,
        steps: MANAGER_STEP,
      },
      requestId,
    );
    approvalId = asked.id;
  } catch (error) {
    const pending = errorCodeOf(error) === 'CONFLICT' ? (error as GraphQLError).extensions.approvalId : undefined;
    if (typeof pending !== 'string') {
      if (!TRANSIENT.has(errorCodeOf(error) ?? 'INTERNAL_SERVER_ERROR')) {
        await em.nativeUpdate(Objective, { id, status: ObjectiveStatus.PUBLISH_PENDING, version: objective.version, approvalId: null }, { status: ObjectiveStatus.PRIVATE, version: objective.version + 1 });
      }
      throw error;
    }
    approvalId = pending;
  }
  // an outcome that came first (a fast webhook) already recorded the id and moved the objective on
  await em.nativeUpdate(Objective, { id, status: ObjectiveStatus.PUBLISH_PENDING, version: objective.version, approvalId: null }, { approvalId });
  return reload(em, id);
}

/**
 * Applies a final outcome of a publish request (from the webhook or the poller; again for the same outcome:
 * nothing): APPROVED publishes the objective, REJECTED, SENT_BACK and WITHDRAWN make it PRIVATE again with the
 * approver's reason. An older request's outcome changes nothing. Runs in a transaction scoped to the corp.
 */
export async function applyPublishOutcome(tx: EntityManager, state: ApprovalState): Promise<void> {
  if (state.subjectType !== OBJECTIVE_SUBJECT || state.status === 'PENDING' || !isUuid(state.subjectId)) return;
  const objective = await tx.findOne(Objective, { id: state.subjectId }, { refresh: true });
  if (!objective || objective.status !== ObjectiveStatus.PUBLISH_PENDING) return;
  if (objective.approvalId && objective.approvalId !== state.id) return;
  const approved = state.status === 'APPROVED';
  const decidedAt = state.decidedAt ? new Date(state.decidedAt) : new Date();
  // the webhook and the poller may apply the same outcome at once: the version lets one of them through
  await tx.nativeUpdate(
    Objective,
    { id: objective.id, status: ObjectiveStatus.PUBLISH_PENDING, version: objective.version },
    {
      status: approved ? ObjectiveStatus.PUBLISHED : ObjectiveStatus.PRIVATE,
      version: objective.version + 1,
      approvalId: state.id,
      publishedAt: approved ? decidedAt : null,
      decisionComment: approved ? null : (state.comment?.slice(0, MAX_DECISION_COMMENT_LENGTH) ?? null),
    },
  );
}
