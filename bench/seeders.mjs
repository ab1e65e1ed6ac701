// What `npm run bench` puts in the database before measuring: one large corp and a smaller one beside
// it (so the corp filter has rows to skip). Each subgraph writes its part with its own `seedBenchmark`
// (the one `npm run seed -- --employees N` runs: multi-row inserts in one transaction, `insertEntities`), for the same people;
// the bench adds only what it alone needs (`extras`). A new subgraph with a `seedBenchmark` is seeded here
// without a change.
//
// For 10,000 people: 10,000 people and employees in a tree of 8 divisions of 6 teams under the corp's root, about 160,000 check-ins a
// month (two a working day, some missing or absent), 20,000 expense claims, 30,000 work logs, 30,000 openIds.

/** Sizes per corp, from the command line (`--people`). */
export function corpsFor(options) {
  return [
    { id: 'bench', name: 'Bench Corp', people: options.people },
    { id: 'bench-other', name: 'Other Corp', people: Math.max(10, Math.round(options.people / 10)) },
  ];
}

/** directory's seedBenchmark: the whole corp ('corp') at the root, 8 divisions under it, 6 teams under each. */
const DIVISIONS = Array.from({ length: 8 }, (_, d) => `division-${d + 1}`);
const TEAMS = DIVISIONS.flatMap((_, d) => Array.from({ length: 6 }, (__, t) => `team-${d + 1}-${t + 1}`));

/**
 * The departments the queries look at: `division` (the dashboard, a division's summary), `root` (the whole
 * corp's summary), `all` (every department, root first: `dashboard-varied` draws from them).
 */
export const BENCH_DEPARTMENTS = { root: 'corp', division: 'division-1', all: ['corp', ...DIVISIONS, ...TEAMS] };

/**
 * What only the bench writes after a subgraph's own seedBenchmark, `({ orm, corp, people, scopeToCorp, entities })`
 * (write with `insertEntities` from @corphub/module-kit). Nothing today: identity's installs the reference modules
 * and issues every person's openIds itself.
 */
export const extras = {};

/** Rows per table of one subgraph, every corp (the corp filter off): what the seed wrote. */
async function rowCounts(orm) {
  const counts = {};
  const em = orm.em.fork();
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    if (meta.embeddable || meta.abstract || meta.virtual || !meta.tableName) continue;
    counts[meta.tableName] = await em.count(meta.className, {}, { filters: false });
  }
  return counts;
}

/**
 * Seeds every subgraph that has a `seedBenchmark` for every corp, the subgraphs side by side (each has its
 * own database; on PostgreSQL the server works for them in parallel), the corps of one subgraph one after
 * the other. `only`: subgraph names to seed (others are left empty). Returns timings (each subgraph's own,
 * overlapping, and the whole), rows per table and, per corp, the admin's unionId (the first person: the
 * directory makes them the CEO).
 */
export async function seedAll({ definitions, orms, corps, only, benchmarkPeople, scopeToCorp, analyzeDatabase, loadSubgraphPackage }) {
  const started = Date.now();
  const peopleOf = Object.fromEntries(corps.map((corp) => [corp.id, benchmarkPeople(corp.people, corp.id)]));
  const seeded = await Promise.all(
    definitions
      .filter((definition) => definition.seedBenchmark && (!only || only.includes(definition.name)))
      .map(async (definition) => {
        const orm = orms[definition.name];
        const began = Date.now();
        for (const corp of corps) {
          const people = peopleOf[corp.id];
          await definition.seedBenchmark(orm, { corpId: corp.id, corpName: corp.name, people });
          await extras[definition.name]?.({ orm, corp, people, scopeToCorp, entities: loadSubgraphPackage(definition.name) });
        }
        // as after any bulk load: the planner's statistics of the tables just filled
        await analyzeDatabase(orm);
        return [definition.name, { ms: Date.now() - began, rows: await rowCounts(orm) }];
      }),
  );
  // callerUnionIds: the first hundred, who ask the queries sent by many callers (`callers` in queries.mjs)
  const summary = Object.fromEntries(
    corps.map((corp) => [corp.id, { people: corp.people, adminUnionId: peopleOf[corp.id][0].unionId, callerUnionIds: peopleOf[corp.id].slice(0, 100).map((person) => person.unionId) }]),
  );
  return { ms: Date.now() - started, subgraphs: Object.fromEntries(seeded), summary };
}
