import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { alignToKeys, entityLoader, groupByKeys, type AuthContext } from '@corphub/module-kit';
import { OpenId } from './open-id.entity';
import type { IdentityServices } from '../services';

export const openIdKey = (appId: string, unionId: string) => `${appId}\u0000${unionId}`;

export function openIdLoaders(em: EntityManager, _auth: AuthContext, _services: IdentityServices) {
  return {
    openIdById: entityLoader(em, OpenId, 'openId'),
    /** Key: openIdKey(appId, unionId). */
    openIdByAppAndUnionId: new DataLoader<string, OpenId | null>(async (keys) => {
      const pairs = keys.map((key) => key.split('\u0000') as [string, string]);
      const rows = await em.find(OpenId, { $or: pairs.map(([app, person]) => ({ app, person })) });
      return alignToKeys(keys, rows, (row) => openIdKey(row.app.appId, row.person.unionId));
    }),
    /** Every openId issued for each person, by app id. */
    openIdsByUnionId: new DataLoader<string, OpenId[]>(async (unionIds) => {
      const rows = await em.find(OpenId, { person: { $in: [...unionIds] } }, { orderBy: { app: 'asc' } });
      return groupByKeys(unionIds, rows, (row) => row.person.unionId);
    }),
  };
}
