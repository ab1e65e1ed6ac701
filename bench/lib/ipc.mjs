// A child process per server role (subgraphs, each gateway), so the load generator, the gateway and
// the subgraphs never share an event loop. They talk over Node's IPC channel: request → reply by id.
import { fork } from 'node:child_process';
import { setTimeout, clearTimeout, setInterval, clearInterval } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';

const MiB = 2 ** 20;
const mib = (bytes) => Math.round((bytes / MiB) * 10) / 10;
/** The RSS sampler between `memoryStart` and `memoryStop`: its timer and the highest RSS seen. */
let sampler = null;

/** What every child answers, beside its own handlers. */
const COMMON_HANDLERS = {
  /**
   * Starts sampling this process's resident set size every 20 ms (process.memoryUsage.rss(), cheap: one
   * read of /proc): the peak under a load is what the parent asks for afterwards. Answers the RSS now, MiB.
   */
  memoryStart: () => {
    clearInterval(sampler?.timer);
    const now = process.memoryUsage.rss();
    sampler = { peak: now, timer: setInterval(() => (sampler.peak = Math.max(sampler.peak, process.memoryUsage.rss())), 20) };
    // the sampler must not keep an otherwise finished process alive
    sampler.timer.unref();
    return { nowMiB: mib(now) };
  },
  /** Stops sampling: the highest RSS since `memoryStart` (the current one included) and the RSS now, MiB. */
  memoryStop: () => {
    const now = process.memoryUsage.rss();
    const peak = Math.max(sampler?.peak ?? now, now);
    clearInterval(sampler?.timer);
    sampler = null;
    return { peakMiB: mib(peak), nowMiB: mib(now) };
  },
  /** Now on the clock --cpu-prof stamps its samples with (monotonic, microseconds). */
  mark: () => Number(process.hrtime.bigint() / 1000n),
  /** CPU time this process has used so far, user and system, in microseconds (for CPU per request). */
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  },
};

/** In the child: answers the parent's calls with `handlers[type](payload)` (and the common ones: `mark`, `cpu`, `memoryStart`, `memoryStop`). */
export function serve(handlers) {
  process.on('message', async ({ id, type, payload }) => {
    try {
      const handler = handlers[type] ?? COMMON_HANDLERS[type];
      if (!handler) throw new Error(`no handler for "${type}"`);
      process.send({ id, result: (await handler(payload)) ?? null });
    } catch (error) {
      process.send({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  // an orphan must not outlive the bench
  process.on('disconnect', () => process.exit(0));
}

/** In the parent: starts `script` and returns `call(type, payload)` and `stop()`. */
export function spawnChild(script, { args = [], env = {}, execArgv = [], label = script } = {}) {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map();
  let exited = null;
  child.on('message', ({ id, result, error }) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (error) call.reject(new Error(`${label}: ${error}`));
    else call.resolve(result);
  });
  const done = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    for (const call of pending.values()) call.reject(new Error(`${label} exited (${signal ?? code}) before answering`));
    pending.clear();
    resolve(exited);
  }));
  const call = (type, payload) =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(`${label} has exited (${exited.signal ?? exited.code})`));
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      child.send({ id, type, payload });
    });
  return {
    pid: child.pid,
    label,
    call,
    /** Asks the child to close its servers and exit (which also writes a --cpu-prof profile). */
    async stop() {
      if (exited) return exited;
      await call('stop').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await done;
      clearTimeout(timer);
      return result;
    },
  };
}
