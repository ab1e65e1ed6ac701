import type { EntityManager } from '@mikro-orm/core';
import { errors, Role, type AuthContext } from '@corphub/module-kit';
import { Objective } from './objective.entity';
import { QUARTER, type CreateObjectiveInput } from './objective.inputs';

/** Admins and the module's own app change anyone's objective; an employee changes their own; analysts only read. */
export function requireWriter(auth: AuthContext, ownerUnionId: string): void {
  if (auth.role === Role.ADMIN || auth.role === Role.VENDOR || auth.role === Role.SERVICE) return;
  if (auth.role === Role.EMPLOYEE && auth.unionId === ownerUnionId) return;
  throw errors.FORBIDDEN('Only the owner, a corp admin or the OKR app may change this objective');
}

/** For a quarter given as a plain argument (inputs are checked by their class-validator decorators). */
export function requireQuarter(quarter: string): void {
  if (!QUARTER.test(quarter)) throw errors.BAD_USER_INPUT('quarter must look like 2026-Q4');
}

export async function createObjective(em: EntityManager, auth: AuthContext, input: CreateObjectiveInput): Promise<Objective> {
  const owner = input.ownerUnionId ?? auth.unionId;
  if (!owner) throw errors.BAD_USER_INPUT('ownerUnionId is required for a caller without a UnionID');
  requireWriter(auth, owner);
  const objective = new Objective(owner, input.title, input.quarter);
  await em.persistAndFlush(objective);
  return objective;
}
