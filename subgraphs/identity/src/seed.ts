import type { MikroORM } from '@mikro-orm/core';
import { insertEntities, scopeToCorp, type BenchmarkCorp } from '@corphub/module-kit';
import { DEMO, DEMO_ADMIN_ROLES, DEMO_PEOPLE } from '@corphub/demo';
import { Corp } from './corps/corp.entity';
import { Person } from './people/person.entity';
import { App } from './apps/app.entity';
import { Installation } from './apps/installation.entity';
import { hashSecret, newAppSecret } from './ids';
import { issueOpenIdsForApp, openIdsForNewPeople } from './open-ids/open-id.issuer';
import { AdminRoleAssignment } from './admin-roles/admin-role.entity';

/** The reference modules, registered like any vendor's app (a migration adds them to every hub), each serving its subgraph. */
export const REFERENCE_APPS = [
  { appId: 'attendance', name: 'Attendance check-in', vendor: 'Corphub reference modules', subgraph: 'attendance' },
  { appId: 'expenses', name: 'Expense reimbursement', vendor: 'Corphub reference modules', subgraph: 'expenses' },
  { appId: 'logs', name: 'Work logs', vendor: 'Corphub reference modules', subgraph: 'logs' },
] as const;

/** Idempotent: on every `npm start`, writes only what is missing. */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  await em.transactional(async (tx) => {
    if (!(await tx.findOne(Corp, { id: DEMO.corpId }))) tx.persist(new Corp(DEMO.corpId, DEMO.corpName, DEMO.timezone));
    for (const { unionId, displayName, email } of DEMO_PEOPLE) {
      if (await tx.findOne(Person, { unionId })) continue;
      const person = new Person(displayName, email);
      person.unionId = unionId;
      tx.persist(person);
    }
    // one person per admin role; a role changed since (through the API) is left as it is
    for (const { unionId, role, departmentId } of DEMO_ADMIN_ROLES) {
      if (!(await tx.findOne(AdminRoleAssignment, { unionId }))) tx.persist(new AdminRoleAssignment(unionId, role, departmentId ?? null, 'seed'));
    }
    for (const reference of REFERENCE_APPS) {
      let app = await tx.findOne(App, { appId: reference.appId });
      if (!app) {
        app = new App(reference.appId, reference.name, reference.vendor, await hashSecret(newAppSecret()), undefined, reference.subgraph);
        tx.persist(app);
      }
      if (!(await tx.findOne(Installation, { app: reference.appId }))) {
        tx.persist(new Installation(tx.getReference(App, reference.appId, { wrapped: true })));
      }
      await tx.flush();
      await issueOpenIdsForApp(tx, app);
    }
  });
}

const BATCH = 2000;

/**
 * `npm run seed`: the benchmark corp with the reference modules installed (the other subgraphs seed their
 * data), and its people with their openIds, in one transaction.
 */
export async function seedBenchmark(orm: MikroORM, { corpId, corpName, people }: BenchmarkCorp): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), corpId);
  if (await em.findOne(Corp, { id: corpId })) throw new Error(`Corp "${corpId}" already exists in identity: pick another --corp`);
  await em.transactional(async (tx) => {
    tx.persist(new Corp(corpId, corpName, 'UTC'));
    // the reference apps come with the hub's migrations
    const apps = await tx.find(App, { appId: { $in: REFERENCE_APPS.map((app) => app.appId) } });
    for (const app of apps) tx.persist(new Installation(tx.getReference(App, app.appId, { wrapped: true })));
    await tx.flush();
    for (let start = 0; start < people.length; start += BATCH) {
      const persons = people.slice(start, start + BATCH).map(({ unionId, displayName, email }) => Object.assign(new Person(displayName, email), { unionId }));
      await insertEntities(tx, [...persons, ...(await openIdsForNewPeople(tx, persons.map((person) => person.unionId)))]);
    }
  });
}
