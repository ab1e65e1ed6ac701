import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import { AuditEntry } from './audit-entry.entity';

/** Who a caller is in the audit log: their person, or their token's subject. */
export const actorOf = (auth: AuthContext) => auth.unionId ?? auth.subject;

/** Adds a line to the audit log inside the caller's transaction: the change and its line commit together. */
export function recordAudit(
  tx: EntityManager,
  auth: AuthContext,
  action: string,
  about: { subjectUnionId?: string | null; target?: string | null; details?: Record<string, unknown> | null } = {},
): AuditEntry {
  const entry = new AuditEntry(action, actorOf(auth), about.subjectUnionId ?? null, about.target ?? null, about.details ?? null);
  tx.persist(entry);
  return entry;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** Events relayed from other subgraphs' outboxes that go to the audit log too (with the actor they carry), and their line. */
const RELAYED_LINES: Readonly<Record<string, (data: Record<string, unknown>) => { subject: string | null; target: string | null; details: Record<string, unknown> | null }>> = {
  'employee.hired': (data) => ({ subject: text(data.unionId), target: null, details: null }),
  'employee.offboarded': (data) => ({ subject: text(data.unionId), target: null, details: null }),
  // the approvals service names who decided (the actor) and whose request it was
  'approval.decided': (data) => ({
    subject: text(data.requesterUnionId),
    target: text(data.approvalId),
    details: { status: data.status, appId: data.appId, subjectType: data.subjectType, subjectId: data.subjectId },
  }),
};

export const AUDITED_EVENTS: ReadonlySet<string> = new Set(Object.keys(RELAYED_LINES));

/** A relayed event's line, written with the event (identity records each event id once, so each line once). */
export function recordRelayedAudit(tx: EntityManager, action: string, actor: string, data: Record<string, unknown>, occurredAt: Date): AuditEntry {
  const line = RELAYED_LINES[action](data);
  const entry = new AuditEntry(action, actor, line.subject, line.target, line.details);
  entry.occurredAt = occurredAt;
  tx.persist(entry);
  return entry;
}
