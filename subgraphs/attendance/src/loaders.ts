import type { EntityManager } from '@mikro-orm/core';
import type { AuthContext } from '@corphub/module-kit';
import type { AttendanceServices } from './services';
import { ruleLoaders } from './rules/rule.loaders';
import { employeeLoaders } from './employees/employee.loaders';
import { checkInLoaders } from './check-ins/check-in.loaders';
import { summaryLoaders } from './summaries/summary.loaders';
import { leaveLoaders } from './leave/leave.loaders';
import { makeUpLoaders } from './make-ups/make-up.loaders';

/** One set per request: rules once, people's targets and manager chains in one gateway call each. */
export function createLoaders(em: EntityManager, auth: AuthContext, services: AttendanceServices) {
  const rules = ruleLoaders(em);
  const employees = employeeLoaders(em, auth, services);
  return { ...rules, ...employees, ...checkInLoaders(em), ...leaveLoaders(em), ...makeUpLoaders(em), ...summaryLoaders(em, { ...rules, ...employees }) };
}

export type AttendanceLoaders = ReturnType<typeof createLoaders>;
