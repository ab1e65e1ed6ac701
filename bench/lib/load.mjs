// The load generator: autocannon with a fixed number of connections for a fixed time, after a
// warm-up run whose figures are thrown away.
import os from 'node:os';
import { setTimeout, clearTimeout } from 'node:timers';
import autocannon from 'autocannon';

const random = (list) => list[Math.floor(Math.random() * list.length)];

function requestSpec({ query, variables, varies, data, callers, counters }) {
  const body = (pick) => JSON.stringify({ query, variables: variables(data, pick) });
  const fixed = body((list) => list[0]);
  // callers take turns: the requests in flight at once (one per connection) come from as many callers
  let turn = 0;
  const nextCaller = (request) => (callers ? { headers: { ...request.headers, ...callers[turn++ % callers.length] } } : {});
  return {
    method: 'POST',
    ...(varies || callers ? { setupRequest: (request) => ({ ...request, ...nextCaller(request), body: varies ? body(random) : fixed }) } : { body: fixed }),
    // a GraphQL error comes back as 200 too: count it apart from transport errors and non-2xx
    onResponse: (status, responseBody) => {
      if (status === 200 && responseBody.includes('"errors":')) counters.graphqlErrors++;
    },
  };
}

/**
 * One autocannon run of `duration` seconds; with `untilAnswered` (--quick), longer if need be (up to ten
 * times) until every connection has had an answer: a short run on a slow target then still has figures
 * instead of 0 req/s.
 */
function once({ url, headers, connections, duration, sampleInterval, specs, untilAnswered = false }) {
  const run = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    connections,
    duration: untilAnswered ? duration * 10 : duration,
    // the run stops on a sample tick: short (--quick) runs sample more often to end on time
    sampleInt: sampleInterval,
    // several: each connection sends them in turn (the mixed load)
    requests: specs,
    // a slow answer is a figure to report, not a failure to retry
    timeout: 30,
  });
  if (!untilAnswered) return run;
  let answered = 0;
  let due = false;
  const stopWhenDone = () => due && answered >= connections && run.stop();
  run.on('response', () => {
    answered++;
    stopWhenDone();
  });
  const timer = setTimeout(() => {
    due = true;
    stopWhenDone();
  }, duration * 1000);
  return Promise.resolve(run).finally(() => clearTimeout(timer));
}

/**
 * One measured run: { rps, p50, p99, cpuMicros, ... }; latencies in milliseconds. `cpu` reads the CPU time
 * (µs) used so far by the processes that serve the target, by role ({ gateway, subgraphs }); it is read after
 * the warm-up and after the run, so the result has their CPU per request. `memory`: { start(), stop() }, the
 * peak RSS of the same processes over the measured run, stop() answering MiB by role ({ gateway, identity, … }).
 * `mix`: instead of one query, several ([{ query, variables, varies, data, callers }]) that each connection
 * sends in turn.
 */
export async function measure({ url, headers, callers, query, variables, varies, data, mix, connections, duration, warmup, untilAnswered, cpu, memory }) {
  const counters = { graphqlErrors: 0 };
  const specs = (mix ?? [{ query, variables, varies, data, callers }]).map((one) => requestSpec({ ...one, counters }));
  const sampleInterval = Math.min(1000, Math.max(100, Math.min(duration, warmup || duration) * 250));
  if (warmup > 0) await once({ url, headers, connections, duration: warmup, sampleInterval, specs });
  counters.graphqlErrors = 0;
  const [cpuBefore] = await Promise.all([cpu?.(), memory?.start()]);
  const result = await once({ url, headers, connections, duration, sampleInterval, specs, untilAnswered });
  const [cpuAfter, peakMiB = {}] = await Promise.all([cpu?.(), memory?.stop()]);
  const cpuMicros = cpuBefore && cpuAfter ? Object.fromEntries(Object.keys(cpuAfter).map((role) => [role, cpuAfter[role] - cpuBefore[role]])) : {};
  return {
    // CPU µs used over the measured run by each process serving it (summed over rounds, divided at the end)
    cpuMicros,
    // the highest RSS (MiB) of each process serving it over the measured run, by role
    peakMiB,
    // completed requests over the measured time (autocannon's own average is per sample interval)
    rps: Math.round((result.requests.total / result.duration) * 10) / 10,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    meanLatency: result.latency.average,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors: counters.graphqlErrors,
    bytesPerSecond: result.throughput.average,
    duration: result.duration,
    // how busy the machine was (1-minute load average at the end of the run): noise shows here
    load: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
