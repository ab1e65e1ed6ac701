import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import type { OkrServices } from '../services';
import { Objective } from './objective.entity';

/** A page of employees costs one statement for every objective they own. */
export function objectiveLoaders(em: EntityManager, _auth: AuthContext, _services: OkrServices) {
  return {
    objectiveById: entityLoader(em, Objective, 'id'),
    /** Key: `quarter|unionId`. */
    objectivesByQuarterAndOwner: new DataLoader<string, Objective[]>(async (keys) => {
      const pairs = keys.map((key) => key.split('|') as [string, string]);
      const rows = await em.find(Objective, { $or: pairs.map(([quarter, ownerUnionId]) => ({ quarter, ownerUnionId })) }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      return groupByKeys(keys, rows, (row) => `${row.quarter}|${row.ownerUnionId}`);
    }),
  };
}
