// What `npm run bench` puts in the database before measuring: one large corp and a smaller one beside
// it (so the corp filter has rows to skip), written through the ORM in batches, not through the graph.
//
// Adding a subgraph's data is one entry: { name, subgraph, seed({ orm, corp, state, scopeToCorp, entities }) }.
// Seeders run in this order, each once per corp, in the process that serves the subgraphs; `entities` is
// the subgraph package's exports (its dist/), `state` is shared between seeders (identity records the
// people of each corp in `state.people[corpId]`, which a directory seeder turns into employees).

const BATCH = 1000;

/** Writes `count` rows made by `make(i)` in batches, each batch one flush of a fresh fork scoped to the corp. */
export async function insertInBatches({ orm, corp, scopeToCorp }, count, make) {
  for (let start = 0; start < count; start += BATCH) {
    const em = scopeToCorp(orm.em.fork(), corp.id);
    for (let i = start; i < Math.min(count, start + BATCH); i++) em.persist(make(i, em));
    await em.flush();
  }
}

/** Sizes per corp, from the command line (`--people`); later: departments, check-in days, claims, logs. */
export function corpsFor(options) {
  return [
    { id: 'bench', name: 'Bench Corp', people: options.people },
    { id: 'bench-other', name: 'Other Corp', people: Math.max(10, Math.round(options.people / 10)) },
  ];
}

const APPS = [
  { appId: 'attendance', name: 'Attendance check-in', vendor: 'Corphub reference modules' },
  { appId: 'expenses', name: 'Expense reimbursement', vendor: 'Corphub reference modules' },
  { appId: 'logs', name: 'Work logs', vendor: 'Corphub reference modules' },
];

export const seeders = [
  {
    name: 'identity: corp, people, apps, installations, openIds',
    subgraph: 'identity',
    async seed(context) {
      const { orm, corp, state, scopeToCorp, entities: { Corp, Person, App, Installation, OpenId } } = context;
      const em = scopeToCorp(orm.em.fork(), corp.id);
      em.persist(new Corp(corp.id, corp.name, 'Asia/Shanghai'));
      // apps are the platform-wide catalogue: registered once, installed in every corp
      for (const app of APPS) {
        if (!(await em.findOne(App, { appId: app.appId }))) em.persist(new App(app.appId, app.name, app.vendor, 'bench-app-has-no-secret'));
      }
      await em.flush();
      await insertInBatches(context, APPS.length, (i, batch) => new Installation(batch.getReference(App, APPS[i].appId, { wrapped: true })));

      // distinct creation times keep the people's order (createdAt, unionId) the same on every run
      const base = Date.UTC(2026, 0, 1);
      const people = [];
      await insertInBatches(context, corp.people, (i) => {
        const person = new Person(`Person ${i + 1}`, `person${i + 1}@${corp.id}.example`);
        person.createdAt = new Date(base + i * 1000);
        people.push(person.unionId);
        return person;
      });
      await insertInBatches(context, people.length * APPS.length, (i, batch) =>
        new OpenId(batch.getReference(App, APPS[i % APPS.length].appId, { wrapped: true }), batch.getReference(Person, people[Math.floor(i / APPS.length)], { wrapped: true })),
      );
      (state.people ??= {})[corp.id] = people;
      (state.summary ??= {})[corp.id] = { people: people.length, apps: APPS.length, installations: APPS.length, openIds: people.length * APPS.length, adminUnionId: people[0] };
    },
  },
  // { name: 'directory: departments, employees', subgraph: 'directory', async seed({ orm, corp, state, ... }) { ... state.people[corp.id] ... } },
];
