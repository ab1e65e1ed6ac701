import type { EntityManager } from '@mikro-orm/core';
import { App } from '../apps/app.entity';
import { Installation, InstallationStatus } from '../apps/installation.entity';
import { Person } from '../people/person.entity';
import { OpenId } from './open-id.entity';

/** The openIds of (app, person) pairs not issued yet, new and unsaved. */
async function missingOpenIds(em: EntityManager, appIds: string[], unionIds: string[]): Promise<OpenId[]> {
  if (appIds.length === 0 || unionIds.length === 0) return [];
  const existing = await em.find(OpenId, { app: { $in: appIds }, person: { $in: unionIds } });
  const issued = new Set(existing.map((row) => `${row.app.appId}\u0000${row.person.unionId}`));
  return appIds.flatMap((appId) =>
    unionIds.filter((unionId) => !issued.has(`${appId}\u0000${unionId}`)).map((unionId) => new OpenId(em.getReference(App, appId, { wrapped: true }), em.getReference(Person, unionId, { wrapped: true }))),
  );
}

/**
 * OpenIds are issued eagerly (when a person joins, when an app is installed), so every read of the
 * mapping is a plain lookup and a query never writes. Existing ones are kept: they are stable.
 */
async function issue(em: EntityManager, appIds: string[], unionIds: string[]): Promise<void> {
  em.persist(await missingOpenIds(em, appIds, unionIds));
  await em.flush();
}

/** For new people (a seed writing them in bulk): the openIds every installed app needs, unsaved. */
export async function openIdsForNewPeople(em: EntityManager, unionIds: string[]): Promise<OpenId[]> {
  const installations = await em.find(Installation, { status: InstallationStatus.INSTALLED });
  return missingOpenIds(em, installations.map((installation) => installation.app.appId), unionIds);
}

export async function issueOpenIdsForPeople(em: EntityManager, people: Person[]): Promise<void> {
  em.persist(await openIdsForNewPeople(em, people.map((person) => person.unionId)));
  await em.flush();
}

export async function issueOpenIdsForApp(em: EntityManager, app: App): Promise<void> {
  const people = await em.find(Person, {}, { fields: ['unionId'] });
  await issue(em, [app.appId], people.map((person) => person.unionId));
}

