import type { EntityManager } from '@mikro-orm/core';
import { CORP_READERS, errors, isAppToken, minorDigits, recordOutboxEvent, Role, inScope, type AuthContext } from '@corphub/module-kit';
import {
  ApprovalAction,
  ApprovalApprover,
  ApprovalEvent,
  ApprovalQuorum,
  ApprovalRequest,
  ApprovalStatus,
  ApprovalStep,
  ApprovalStepKind,
  ApproverDecision,
  MAX_COMMENT_LENGTH,
  StepStatus,
} from './approval.entity';
import { ApprovalDecisionKind, type DecideApprovalInput, type RequestApprovalInput } from './approval.inputs';
import type { ApprovalsContext } from '../context';

/** The webhook event type an asking app receives when its request reaches a final status. */
export const APPROVAL_DECIDED = 'approval.decided';

/** The app asking: a vendor app's own token (client credentials) or a hub module's service token naming its app. */
export function askingApp(auth: AuthContext): string {
  if (isAppToken(auth)) return auth.appId!;
  if (auth.role === Role.SERVICE && auth.appId) return auth.appId;
  throw errors.FORBIDDEN('Only an app requests approvals: its client-credentials token, or a hub module’s service token naming its app');
}

/** The app a token acts for, if any (a person's token acting in an app is a person). */
const appOf = (auth: AuthContext): string | undefined => (isAppToken(auth) || (auth.role === Role.SERVICE && auth.appId) ? auth.appId : undefined);

const isCorpReader = (auth: AuthContext) => (CORP_READERS as readonly string[]).includes(auth.role) && !appOf(auth);

/**
 * Who sees a request: corp-wide readers, the app that asked (never another app), the requester and its
 * approvers (of any step). Anyone else gets NOT_FOUND, like another corp's request.
 */
export async function canSee(auth: AuthContext, request: ApprovalRequest, isApprover: () => Promise<boolean>): Promise<boolean> {
  const app = appOf(auth);
  if (app) return app === request.appId;
  if (isCorpReader(auth)) return true;
  if (!auth.unionId) return false;
  return auth.unionId === request.requesterUnionId || isApprover();
}

export interface PlannedStep {
  kind: ApprovalStepKind;
  label: string;
  quorum: ApprovalQuorum;
  approvers: string[];
}

/** Checks a request's input and resolves its steps from the org chart (through the graph), before anything is written. */
export async function planSteps(ctx: ApprovalsContext, input: RequestApprovalInput): Promise<PlannedStep[]> {
  const { auth, requestId, services } = ctx;
  if ((input.amountMinor == null) !== (input.currency == null)) throw errors.BAD_USER_INPUT('Give amountMinor and currency together');
  if (input.currency) minorDigits(input.currency);
  if (!inScope(auth, input.requesterUnionId)) throw errors.BAD_USER_INPUT(`requesterUnionId: "${input.requesterUnionId}" is outside the app’s scope`);
  const requester = input.requesterUnionId;
  const { managers } = await services.graph.requester(auth.corpId, requester, requestId);
  const planned: PlannedStep[] = [];
  for (const [index, step] of input.steps.entries()) {
    const where = `steps[${index}]`;
    const needs = { MANAGER_CHAIN: [] as string[], ROLE: ['role'], TAG: ['tag'], PEOPLE: ['unionIds'] }[step.kind];
    for (const field of ['role', 'tag', 'unionIds'] as const) {
      const given = step[field] != null;
      if (given !== needs.includes(field)) throw errors.BAD_USER_INPUT(`${where}.${field}: ${given ? `not for a ${step.kind} step` : `required for a ${step.kind} step`}`);
    }
    if (step.kind !== ApprovalStepKind.MANAGER_CHAIN && (step.depth != null || step.limits != null)) throw errors.BAD_USER_INPUT(`${where}: depth and limits are for MANAGER_CHAIN steps`);
    if (step.kind === ApprovalStepKind.MANAGER_CHAIN) {
      const depth = step.depth ?? 1;
      const amount = input.amountMinor;
      const covering = amount == null ? undefined : (step.limits ?? []).filter((limit) => limit.level <= depth && limit.amountMinor >= amount).sort((a, b) => a.level - b.level)[0];
      const levels = covering?.level ?? depth;
      // a chain shorter than asked (the top of the corp) just has fewer steps
      managers.slice(0, levels).forEach((unionId, level) => planned.push({ kind: step.kind, label: `Manager (level ${level + 1})`, quorum: ApprovalQuorum.ANY, approvers: [unionId] }));
      continue;
    }
    let approvers: string[];
    let label: string;
    if (step.kind === ApprovalStepKind.PEOPLE) {
      const named = [...new Set(step.unionIds)];
      if (named.includes(requester)) throw errors.BAD_USER_INPUT(`${where}.unionIds: the requester may not approve their own request`);
      approvers = await services.graph.activeEmployees(auth.corpId, named, `${where}.unionIds`, requestId);
      label = 'Named approvers';
    } else {
      const filter = step.kind === ApprovalStepKind.ROLE ? { title: step.role } : { tag: step.tag };
      approvers = (await services.graph.employeesWhere(auth.corpId, filter, requestId)).filter((unionId) => unionId !== requester);
      label = step.kind === ApprovalStepKind.ROLE ? `Role: ${step.role}` : `Tag: ${step.tag}`;
      if (!approvers.length) throw errors.BAD_USER_INPUT(`${where}: no active employee but the requester has the ${step.kind === ApprovalStepKind.ROLE ? `role "${step.role}"` : `tag "${step.tag}"`}`);
    }
    planned.push({ kind: step.kind, label, quorum: step.quorum, approvers });
  }
  if (!planned.length) throw errors.BAD_USER_INPUT('The steps name no approver (the requester has no manager): add a ROLE, TAG or PEOPLE step');
  return planned;
}

/** Writes a new request with its steps; the first step's approvers are the ones deciding now. */
export function writeRequest(tx: EntityManager, app: string, input: RequestApprovalInput, plan: PlannedStep[], actor: string): ApprovalRequest {
  const request = new ApprovalRequest(app, input.subjectType, input.subjectId, input.requesterUnionId, input.title);
  Object.assign(request, { summary: input.summary ?? null, link: input.link ?? null, amountMinor: input.amountMinor ?? null, currency: input.currency ?? null, currentStep: 0 });
  tx.persist(request);
  const requestRef = tx.getReference(ApprovalRequest, request.id, { wrapped: true });
  for (const [position, planned] of plan.entries()) {
    const step = new ApprovalStep(requestRef, position, planned.kind, planned.label, planned.quorum);
    if (position === 0) step.status = StepStatus.PENDING;
    tx.persist(step);
    for (const unionId of planned.approvers) {
      const row = new ApprovalApprover(tx.getReference(ApprovalStep, step.id, { wrapped: true }), requestRef, unionId);
      row.active = position === 0;
      tx.persist(row);
    }
  }
  record(tx, request, ApprovalAction.REQUESTED, actor);
  return request;
}

export function record(tx: EntityManager, request: ApprovalRequest, action: ApprovalAction, actor: string, comment: string | null = null, transferredTo: string | null = null): void {
  const event = new ApprovalEvent(request.id, action, actor, request.version, comment);
  event.transferredTo = transferredTo;
  tx.persist(event);
}

/**
 * The exactly-once guard: bumps the version only when it is still the one the caller read. Under a race
 * the row lock (PostgreSQL) or the single writer (SQLite) lets one request through; the others see 0 rows.
 */
async function claimVersion(tx: EntityManager, request: ApprovalRequest, expected: number): Promise<void> {
  if (request.version !== expected) throw errors.CONFLICT(`Approval "${request.id}" is at version ${request.version}, not ${expected}: reload it`, { currentVersion: request.version });
  if (request.status !== ApprovalStatus.PENDING) throw errors.CONFLICT(`Approval "${request.id}" is ${request.status}, not awaiting a decision`, { currentStatus: request.status });
  const now = new Date();
  const affected = await tx.nativeUpdate(ApprovalRequest, { id: request.id, version: expected }, { version: expected + 1, updatedAt: now });
  if (affected !== 1) throw errors.CONFLICT(`Approval "${request.id}" was changed by someone else: reload it`);
  // keep the identity map in step with the row, so the flush writes only the other changes
  const original = tx.getUnitOfWork().getOriginalEntityData(request)!;
  original.version = expected + 1;
  original.updatedAt = now;
  request.version = expected + 1;
  request.updatedAt = now;
}

/** Loads a request the caller may see, inside the transaction (NOT_FOUND otherwise). */
async function loadVisible(tx: EntityManager, auth: AuthContext, id: string): Promise<ApprovalRequest> {
  const request = await tx.findOne(ApprovalRequest, { id }, { refresh: true });
  const visible = request && (await canSee(auth, request, async () => (await tx.count(ApprovalApprover, { request: id, approverUnionId: auth.unionId })) > 0));
  if (!request || !visible) throw errors.NOT_FOUND(`Approval "${id}" not found`);
  return request;
}

function finish(request: ApprovalRequest, status: ApprovalStatus): void {
  request.status = status;
  request.currentStep = null;
  request.decidedAt = new Date();
}

/** Queues the outcome for the asking app: a webhook through identity (vendors) that hub modules also read back. */
function queueDecided(tx: EntityManager, request: ApprovalRequest, decidedBy: string): void {
  recordOutboxEvent(tx, APPROVAL_DECIDED, {
    approvalId: request.id,
    appId: request.appId,
    subjectType: request.subjectType,
    subjectId: request.subjectId,
    status: request.status,
    version: request.version,
    requesterUnionId: request.requesterUnionId,
    decidedBy,
    // the decider as the event's actor: identity writes the approval.decided line of the audit log with it
  }, decidedBy);
}

/**
 * Who decides: a person for themself, or a hub module (its service token naming the app that asked) for the
 * approver whose verified context it holds, as expenses' approveClaim does. A vendor app never decides.
 */
function deciderOf(auth: AuthContext, onBehalfOf: string | undefined): string {
  if (onBehalfOf != null) {
    if (auth.role !== Role.SERVICE || !auth.appId) throw errors.FORBIDDEN('onBehalfOf is for hub modules deciding for their approvers');
    return onBehalfOf;
  }
  if (!auth.unionId || appOf(auth)) throw errors.FORBIDDEN('Only a person (a token with a unionId) decides approvals');
  return auth.unionId;
}

export interface DecisionResult {
  request: ApprovalRequest;
  /** Approvers whom the request now waits for anew (the next step, or a transfer's new approver). */
  newlyWaiting: string[];
}

/** An approver of the current step decides; the version guard makes exactly one of many racing decisions win. */
export async function decide(ctx: ApprovalsContext, input: DecideApprovalInput): Promise<DecisionResult> {
  const { auth, services, requestId } = ctx;
  const me = deciderOf(auth, input.onBehalfOf);
  const comment = input.comment?.trim() ? input.comment : null;
  if ((input.decision === ApprovalDecisionKind.REJECT || input.decision === ApprovalDecisionKind.SEND_BACK) && !comment) throw errors.BAD_USER_INPUT('A reason (comment) is required');
  if ((input.decision === ApprovalDecisionKind.TRANSFER) !== (input.transferTo != null)) {
    throw errors.BAD_USER_INPUT(input.transferTo != null ? 'transferTo is only for TRANSFER' : 'TRANSFER needs transferTo');
  }
  if (input.transferTo === me) throw errors.BAD_USER_INPUT('transferTo: transfer to someone else');
  if (input.transferTo) await services.graph.activeEmployees(auth.corpId, [input.transferTo], 'transferTo', requestId);
  if (comment && comment.length > MAX_COMMENT_LENGTH) throw errors.BAD_USER_INPUT(`A comment is at most ${MAX_COMMENT_LENGTH} characters`);

  return ctx.em.transactional(async (tx) => {
    const request = await loadVisible(tx, auth, input.id);
    // a hub module decides only for its own requests (loadVisible already hid every other app's)
    if (input.onBehalfOf && appOf(auth) !== request.appId) throw errors.FORBIDDEN('Only the app that asked decides on behalf of an approver');
    // the guard first: a request that lost the race is CONFLICT, whatever the winner changed (a FORBIDDEN below rolls it back)
    await claimVersion(tx, request, input.version);
    const step = await tx.findOneOrFail(ApprovalStep, { request: request.id, position: request.currentStep! });
    const rows = await tx.find(ApprovalApprover, { step: step.id });
    const mine = rows.find((row) => row.approverUnionId === me && row.active);
    if (!mine) throw errors.FORBIDDEN(`Only an approver of the current step may decide approval "${input.id}"`);
    mine.active = false;
    mine.decidedAt = new Date();
    const closeStep = (status: StepStatus) => {
      step.status = status;
      for (const row of rows) row.active = false;
    };
    let newlyWaiting: string[] = [];
    switch (input.decision) {
      case ApprovalDecisionKind.TRANSFER: {
        const to = input.transferTo!;
        if (to === request.requesterUnionId) throw errors.BAD_USER_INPUT('transferTo: the requester may not approve their own request');
        if (rows.some((row) => row.approverUnionId === to && row.active)) throw errors.BAD_USER_INPUT(`transferTo: "${to}" already decides at this step`);
        mine.decision = ApproverDecision.TRANSFERRED;
        const row = new ApprovalApprover(tx.getReference(ApprovalStep, step.id, { wrapped: true }), tx.getReference(ApprovalRequest, request.id, { wrapped: true }), to);
        row.active = true;
        tx.persist(row);
        record(tx, request, ApprovalAction.TRANSFERRED, me, comment, to);
        newlyWaiting = [to];
        break;
      }
      case ApprovalDecisionKind.REJECT:
        mine.decision = ApproverDecision.REJECTED;
        closeStep(StepStatus.REJECTED);
        finish(request, ApprovalStatus.REJECTED);
        record(tx, request, ApprovalAction.REJECTED, me, comment);
        break;
      case ApprovalDecisionKind.SEND_BACK:
        mine.decision = ApproverDecision.SENT_BACK;
        closeStep(StepStatus.CLOSED);
        finish(request, ApprovalStatus.SENT_BACK);
        record(tx, request, ApprovalAction.SENT_BACK, me, comment);
        break;
      case ApprovalDecisionKind.APPROVE: {
        mine.decision = ApproverDecision.APPROVED;
        record(tx, request, ApprovalAction.APPROVED, me, comment);
        const deciding = rows.filter((row) => row.decision !== ApproverDecision.TRANSFERRED);
        if (step.quorum === ApprovalQuorum.ALL && !deciding.every((row) => row.decision === ApproverDecision.APPROVED)) break;
        closeStep(StepStatus.APPROVED);
        const next = await tx.findOne(ApprovalStep, { request: request.id, position: step.position + 1 });
        if (!next) {
          finish(request, ApprovalStatus.APPROVED);
          break;
        }
        next.status = StepStatus.PENDING;
        request.currentStep = next.position;
        const nextRows = await tx.find(ApprovalApprover, { step: next.id });
        for (const row of nextRows) row.active = true;
        newlyWaiting = nextRows.map((row) => row.approverUnionId);
        services.notifier.progressed(ctx, tx, request, step.label);
        break;
      }
    }
    if (request.status !== ApprovalStatus.PENDING) {
      queueDecided(tx, request, me);
      services.notifier.outcome(ctx, tx, request, comment);
    }
    services.notifier.awaiting(ctx, tx, request, newlyWaiting);
    return { request, newlyWaiting };
  });
}

/** The requester (or the app that asked) withdraws a pending request. */
export async function withdraw(ctx: ApprovalsContext, id: string, version: number, reason: string | null): Promise<ApprovalRequest> {
  const { auth, services } = ctx;
  if (reason && reason.length > MAX_COMMENT_LENGTH) throw errors.BAD_USER_INPUT(`A reason is at most ${MAX_COMMENT_LENGTH} characters`);
  return ctx.em.transactional(async (tx) => {
    const request = await loadVisible(tx, auth, id);
    const app = appOf(auth);
    const actor = app ? auth.subject : auth.unionId;
    if (!actor || (!app && auth.unionId !== request.requesterUnionId)) throw errors.FORBIDDEN(`Only the requester or the app that asked may withdraw approval "${id}"`);
    await claimVersion(tx, request, version);
    await tx.nativeUpdate(ApprovalApprover, { request: request.id, active: true }, { active: false });
    await tx.nativeUpdate(ApprovalStep, { request: request.id, status: { $in: [StepStatus.PENDING, StepStatus.WAITING] } }, { status: StepStatus.CLOSED });
    finish(request, ApprovalStatus.WITHDRAWN);
    record(tx, request, ApprovalAction.WITHDRAWN, actor, reason?.trim() ? reason : null);
    queueDecided(tx, request, actor);
    services.notifier.outcome(ctx, tx, request, reason);
    return request;
  });
}
