import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { entityLoader, groupByKeys, type SubgraphContext } from '@corphub/module-kit';
import { KeyResult, Objective } from './entities';

/** One set per request: a page of employees costs one statement for objectives and one for key results. */
export function createLoaders(em: EntityManager) {
  return {
    objectiveById: entityLoader(em, Objective, 'id'),
    /** Key: `quarter|unionId`. */
    objectivesByQuarterAndOwner: new DataLoader<string, Objective[]>(async (keys) => {
      const pairs = keys.map((key) => key.split('|') as [string, string]);
      const rows = await em.find(Objective, { $or: pairs.map(([quarter, ownerUnionId]) => ({ quarter, ownerUnionId })) }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      return groupByKeys(keys, rows, (row) => `${row.quarter}|${row.ownerUnionId}`);
    }),
    keyResultsByObjectiveId: new DataLoader<string, KeyResult[]>(async (ids) => {
      const rows = await em.find(KeyResult, { objective: { $in: [...ids] } }, { orderBy: { title: 'asc', id: 'asc' } });
      return groupByKeys(ids, rows, (row) => row.objective.id);
    }),
  };
}

export type OkrLoaders = ReturnType<typeof createLoaders>;
export type OkrContext = SubgraphContext<OkrLoaders>;
