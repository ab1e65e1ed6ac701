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

/** Events relayed from other subgraphs' outboxes that go to the audit log too (with the actor they carry). */
export const AUDITED_EVENTS: ReadonlySet<string> = new Set(['employee.hired', 'employee.offboarded']);

/** A relayed event's line, written with the event (identity records each event id once, so each line once). */
export function recordRelayedAudit(tx: EntityManager, action: string, actor: string, data: Record<string, unknown>, occurredAt: Date): AuditEntry {
  const subject = typeof data.unionId === 'string' ? data.unionId : null;
  const entry = new AuditEntry(action, actor, subject, null, null);
  entry.occurredAt = occurredAt;
  tx.persist(entry);
  return entry;
}
