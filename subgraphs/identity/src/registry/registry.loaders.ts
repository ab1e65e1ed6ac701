import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { alignToKeys, type AuthContext } from '@corphub/module-kit';
import { SubgraphVersion } from './subgraph-version.entity';
import type { IdentityServices } from '../services';

export function registryLoaders(em: EntityManager, _auth: AuthContext, _services: IdentityServices) {
  return {
    /** Key: `${subgraphId}:${version}`. */
    subgraphVersionByKey: new DataLoader<string, SubgraphVersion | null>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const rows = await em.find(SubgraphVersion, { $or: pairs.map(([subgraph, version]) => ({ subgraph, version: Number(version) })) });
      return alignToKeys(keys, rows, (row) => `${row.subgraph.id}:${row.version}`);
    }),
  };
}
