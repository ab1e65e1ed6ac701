#!/usr/bin/env node
/**
 * Memory and CPU of each process as Kubernetes runs them, for deploy/kubernetes's requests and limits
 * (docs/operations.md#sizing-from-measured-figures): one replica of the gateway and of every subgraph, each its
 * own `node <service>/dist/main.js` process with NODE_ENV=production on PostgreSQL (DATABASE_URL) and Redis
 * (REDIS_URL), the demo corp seeded (startCluster of @corphub/tooling/testing, as npm run test:replicas).
 *
 *   npm run build && DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node bench/sizing.mjs [--seconds 20] [--connections 8]
 *
 * Prints, per process: RSS once started and idle (VmRSS), then after a bounded load through the gateway (the
 * PRODUCT.md dashboard of the Sales department, the people list and `me`, in turn, from --connections loops for
 * --seconds): peak RSS (VmHWM) and CPU milliseconds per request (utime + stime over the load).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { startCluster } = require(path.join(ROOT, 'tooling', 'dist', 'testing', 'index.js'));

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '20' }, connections: { type: 'string', default: '8' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const TICKS = 100; // USER_HZ on Linux

const QUERIES = [
  `query Dashboard { department(id: "sales") { name members(first: 50) { edges { node { displayName title
     attendance(from: "2026-11-01", to: "2026-11-30") { lateCount absentDays }
     expenseClaims(status: SUBMITTED) { totalCount total { amount currency } }
     workLogs(first: 1) { edges { node { date text voice { durationSeconds url } } } } } } } } }`,
  'query People { people(first: 50) { nodes { unionId displayName corp { name } } } }',
  'query Me { me { unionId corp { id name } } }',
];

function status(pid) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)[1]);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

const cluster = await startCluster({ label: 'sizing', replicas: 1, env: { CORPHUB_SEED_DEMO: '1', CORPHUB_WEBHOOK_POLL_MS: '1000', CORPHUB_OUTBOX_POLL_MS: '1000' } });
try {
  const processes = [cluster.gateway, ...Object.values(cluster.services)].map((service) => ({ name: service.name, pid: service.replicas[0].pid }));
  const token = await cluster.token({ corp: 'demo', role: 'admin' });
  // settle: start-up garbage collected, background loops running
  await sleep(5000);
  const idle = Object.fromEntries(processes.map(({ name, pid }) => [name, status(pid)]));
  for (const query of QUERIES) {
    const answer = await cluster.request(query, { token });
    if (answer.errors?.length) throw new Error(`${query.slice(0, 30)}: ${JSON.stringify(answer.errors[0])}`);
  }
  const cpuBefore = Object.fromEntries(processes.map(({ name, pid }) => [name, cpuSeconds(pid)]));
  let requests = 0;
  let failed = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, loop) => {
      for (let turn = loop; Date.now() < until; turn++) {
        const answer = await cluster.request(QUERIES[turn % QUERIES.length], { token });
        requests++;
        if (answer.errors?.length) failed++;
      }
    }),
  );
  const rows = processes.map(({ name, pid }) => ({
    process: name,
    'idle RSS MiB': idle[name].rssMiB.toFixed(0),
    'peak RSS MiB': status(pid).peakMiB.toFixed(0),
    'CPU ms/request': ((1000 * (cpuSeconds(pid) - cpuBefore[name])) / requests).toFixed(2),
  }));
  console.log(`${new Date().toISOString()} Node ${process.version}, ${connections} loops for ${seconds} s: ${requests} requests (${(requests / seconds).toFixed(0)}/s), ${failed} with errors; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  console.table(rows);
} finally {
  await cluster.stop();
}
