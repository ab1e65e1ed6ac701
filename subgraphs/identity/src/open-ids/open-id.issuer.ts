import type { EntityManager } from '@mikro-orm/core';
import { App } from '../apps/app.entity';
import { Installation, InstallationStatus } from '../apps/installation.entity';
import { Person } from '../people/person.entity';
import { OpenId } from './open-id.entity';

/**
 * OpenIds are issued eagerly (when a person joins, when an app is installed), so every read of the
 * mapping is a plain lookup and a query never writes. Existing ones are kept: they are stable.
 */
async function issue(em: EntityManager, appIds: string[], unionIds: string[]): Promise<void> {
  if (appIds.length === 0 || unionIds.length === 0) return;
  const existing = await em.find(OpenId, { app: { $in: appIds }, person: { $in: unionIds } });
  const issued = new Set(existing.map((row) => `${row.app.appId}\u0000${row.person.unionId}`));
  for (const appId of appIds) {
    for (const unionId of unionIds) {
      if (!issued.has(`${appId}\u0000${unionId}`)) {
        em.persist(new OpenId(em.getReference(App, appId, { wrapped: true }), em.getReference(Person, unionId, { wrapped: true })));
      }
    }
  }
  await em.flush();
}

export async function issueOpenIdsForPeople(em: EntityManager, people: Person[]): Promise<void> {
  const installations = await em.find(Installation, { status: InstallationStatus.INSTALLED });
  await issue(em, installations.map((installation) => installation.app.appId), people.map((person) => person.unionId));
}

export async function issueOpenIdsForApp(em: EntityManager, app: App): Promise<void> {
  const people = await em.find(Person, {}, { fields: ['unionId'] });
  await issue(em, [app.appId], people.map((person) => person.unionId));
}

