// The hub's subgraphs, one process each (subgraph-process.mjs), as production runs them; the parent talks
// to them as to one: start, SQL counts, CPU and memory across the fleet. Forked at once, so each loads its
// modules while the seed process (seed-process.mjs) writes the data.
import { spawnChild } from './ipc.mjs';

/**
 * `names`: the subgraphs; `env`: the children's environment; `execArgvFor(name)`: Node options for one
 * (--cpu-prof). Every call goes to the subgraphs given (`only`) or to all of them, side by side.
 */
export function startSubgraphFleet(names, { env = {}, execArgvFor = () => [] } = {}) {
  const children = Object.fromEntries(names.map((name) => [name, spawnChild('./subgraph-process.mjs', { args: [name], env, execArgv: execArgvFor(name), label: `subgraph ${name}` })]));
  /** `call(type, payload)` on each subgraph of `only` (default all): { name: answer }. */
  const each = async (type, payload, only = names) => Object.fromEntries(await Promise.all(only.map(async (name) => [name, await children[name].call(type, payload)])));
  return {
    names,
    children: Object.values(children),
    /** `databases`: a DatabaseTarget per subgraph (seeded already); `hub`: 'main' or 'other'. Answers { urls }. */
    async start({ hub = 'main', databases, only = names }) {
      const started = await Promise.all(only.map(async (name) => [name, (await children[name].call('start', { hub, database: databases[name] })).url]));
      return { urls: Object.fromEntries(started) };
    },
    /** The gateway the subgraphs call (attendance reads the directory through it). */
    setGatewayUrl: ({ hub = 'main', url, only }) => each('setGatewayUrl', { hub, url }, only),
    stopHub: (hub, only) => each('stopHub', hub, only),
    countStart: () => each('countStart'),
    /** SQL statements per subgraph since `countStart`. */
    countStop: () => each('countStop'),
    /** CPU µs used so far, summed over the fleet: the subgraphs' CPU per request. */
    cpu: async () => Object.values(await each('cpu')).reduce((sum, micros) => sum + micros, 0),
    /** The monotonic clock of each process (for --cpu-prof windows), by subgraph. */
    mark: () => each('mark'),
    /** RSS sampling on in every process: the RSS now, MiB, by subgraph. */
    memoryStart: async () => Object.fromEntries(Object.entries(await each('memoryStart')).map(([name, { nowMiB }]) => [name, nowMiB])),
    /** The peak RSS since `memoryStart`, MiB, by subgraph. */
    memoryStop: async () => Object.fromEntries(Object.entries(await each('memoryStop')).map(([name, { peakMiB }]) => [name, peakMiB])),
    /** Every process asked to close its servers and exit. */
    stop: () => Promise.all(Object.values(children).map((child) => child.stop())),
  };
}

/** The seed process (seed-process.mjs), forked early so that it loads its modules meanwhile. */
export const spawnSeeder = (env) => spawnChild('./seed-process.mjs', { env, label: 'seed' });

/**
 * Migrates and seeds `databases` in a process of its own (`seeder`, forked by spawnSeeder, or now), which
 * then exits: the seed's timings and rows.
 */
export async function seedInProcess({ env, databases, corps, only, seeder = spawnSeeder(env) }) {
  try {
    return await seeder.call('seed', { databases, corps, only });
  } finally {
    await seeder.stop();
  }
}
