import type { EntityManager } from '@mikro-orm/core';
import { recordOutboxEvent } from './outbox';
import type { Employee } from './employees/employee.entity';

/**
 * Webhook events of the directory, written to its outbox in the changing transaction. They name what
 * changed and nothing more: an app reads the rest through the graph, where its access rules apply.
 */
export function recordEmployeeEvent(tx: EntityManager, type: 'employee.hired' | 'employee.changed' | 'employee.offboarded', employee: Employee): void {
  recordOutboxEvent(tx, type, { unionId: employee.unionId, status: employee.status });
}

export function recordDepartmentEvent(tx: EntityManager, type: 'department.created' | 'department.changed' | 'department.deleted', departmentId: string): void {
  recordOutboxEvent(tx, type, { departmentId });
}
