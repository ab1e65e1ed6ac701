import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { CORP_READERS, type AuthContext } from '@corphub/module-kit';
import type { EmployeeTargets } from '../graph';
import type { AttendanceServices } from '../services';

/** People's targets and manager chains: one gateway call each per request. */
export function employeeLoaders(_em: EntityManager, auth: AuthContext, { graph }: AttendanceServices) {
  return {
    /** Key: a person's UnionID; what the directory says chooses their rule (null: no employee). */
    targets: new DataLoader<string, EmployeeTargets | null>((unionIds) => graph.employeeTargets(auth.corpId, unionIds)),
    /** Key: a person's UnionID; whether the caller may read their attendance (themself, a corp reader, a manager above them). */
    mayRead: new DataLoader<string, boolean>(async (unionIds) => {
      if ((CORP_READERS as readonly string[]).includes(auth.role)) return unionIds.map(() => true);
      if (!auth.unionId) return unionIds.map(() => false);
      const others = unionIds.filter((unionId) => unionId !== auth.unionId);
      const chains = new Map(others.map((unionId, i) => [unionId, i]));
      const answers = await graph.managerChains(auth.corpId, others);
      return unionIds.map((unionId) => unionId === auth.unionId || (answers[chains.get(unionId)!]?.includes(auth.unionId!) ?? false));
    }),
  };
}

export type EmployeeLoaders = ReturnType<typeof employeeLoaders>;
