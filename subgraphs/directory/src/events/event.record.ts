import type { EntityManager } from '@mikro-orm/core';
import { recordOutboxEvent, type AuthContext } from '@corphub/module-kit';
import type { Employee } from '../employees/employee.entity';

/**
 * The directory's webhook events name what changed and nothing more: an app reads the rest through the
 * graph, where its access rules apply. They go through the kit's event outbox (`recordOutboxEvent`).
 */
export function recordEmployeeEvent(tx: EntityManager, type: 'employee.hired' | 'employee.changed' | 'employee.offboarded', employee: Employee, by?: AuthContext): void {
  // the actor goes to identity's audit log beside the event, not into the apps' payload
  recordOutboxEvent(tx, type, { unionId: employee.unionId, status: employee.status }, by && (by.unionId ?? by.subject));
}

/** A department's event carries its id only. */
export function recordDepartmentEvent(tx: EntityManager, type: 'department.created' | 'department.changed' | 'department.deleted', departmentId: string): void {
  recordOutboxEvent(tx, type, { departmentId });
}
