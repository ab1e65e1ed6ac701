import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { groupByKeys, type AuthContext } from '@corphub/module-kit';
import type { OkrServices } from '../services';
import { KeyResult } from './key-result.entity';

/** A page of objective rows costs one statement for all their key results. */
export function keyResultLoaders(em: EntityManager, _auth: AuthContext, _services: OkrServices) {
  return {
    keyResultsByObjectiveId: new DataLoader<string, KeyResult[]>(async (ids) => {
      const rows = await em.find(KeyResult, { objective: { $in: [...ids] } }, { orderBy: { title: 'asc', id: 'asc' } });
      return groupByKeys(ids, rows, (row) => row.objective.id);
    }),
  };
}
