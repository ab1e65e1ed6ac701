import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { alignToKeys, entityLoader } from '@corphub/module-kit';
import { Corp } from './corps/corp.entity';
import { Person } from './people/person.entity';
import { App } from './apps/app.entity';
import { Installation } from './apps/installation.entity';
import { OpenId } from './open-ids/open-id.entity';
import { AppIntegration } from './apps/app-integration.entity';
import { SubgraphVersion } from './registry/subgraph-version.entity';
import type { SchemaRegistry } from './registry/registry.service';

export const openIdKey = (appId: string, unionId: string) => `${appId}\u0000${unionId}`;

/** One set per request: every entity and field fetch of identity is batched through these. */
export function createLoaders(em: EntityManager, registry: SchemaRegistry) {
  return {
    /** The module registry of this process (not a loader: the same for every request). */
    registry,
    /** Key: `${subgraphId}:${version}`. */
    subgraphVersionByKey: new DataLoader<string, SubgraphVersion | null>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const rows = await em.find(SubgraphVersion, { $or: pairs.map(([subgraph, version]) => ({ subgraph, version: Number(version) })) });
      return alignToKeys(keys, rows, (row) => `${row.subgraph.id}:${row.version}`);
    }),
    corpById: entityLoader(em, Corp, 'id'),
    personByUnionId: entityLoader(em, Person, 'unionId'),
    appById: entityLoader(em, App, 'appId'),
    integrationByAppId: entityLoader(em, AppIntegration, 'appId'),
    installationByAppId: entityLoader(em, Installation, 'app', (installation) => installation.app.appId),
    openIdById: entityLoader(em, OpenId, 'openId'),
    /** Key: openIdKey(appId, unionId). */
    openIdByAppAndUnionId: new DataLoader<string, OpenId | null>(async (keys) => {
      const pairs = keys.map((key) => key.split('\u0000') as [string, string]);
      const rows = await em.find(OpenId, { $or: pairs.map(([app, person]) => ({ app, person })) });
      return alignToKeys(keys, rows, (row) => openIdKey(row.app.appId, row.person.unionId));
    }),
  };
}

export type IdentityLoaders = ReturnType<typeof createLoaders>;
