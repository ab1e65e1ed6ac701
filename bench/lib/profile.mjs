// A --cpu-prof profile, summed up: self time per function and per package, idle apart.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from './workspace.mjs';

/** Where a profiled function lives: its npm package, `node` for Node's internals, or our workspace folder. */
function packageOf(where) {
  if (!where) return '(native, GC, program)';
  if (where.startsWith('node:')) return 'node';
  const matches = [...where.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  if (matches.length) return matches.at(-1)[1];
  return where.split('/')[0];
}

/** Sampled hits per profile node; with `since` (µs, the profile's monotonic clock) only the samples from then on. */
function hitsByNode(profile, since) {
  const hits = new Map();
  if (since === undefined || !profile.samples || !profile.timeDeltas) {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
    return hits;
  }
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at >= since) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

/**
 * The cpuprofile's functions by self time (sampled hits), the top few, and the busy time per package.
 * `since`: the gateway's monotonic clock (µs) when the load began, to leave start-up out.
 */
export function summarizeProfile(file, { since, top = 20 } = {}) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples?.length ?? 1);
  const window = since !== undefined && since > profile.startTime && since < profile.endTime ? since : undefined;
  const hitsOf = hitsByNode(profile, window);
  const byFunction = new Map();
  const byPackage = new Map();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = hitsOf.get(node.id) ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    total += hits;
    if (name === '(idle)') {
      idle += hits;
      continue;
    }
    const where = url ? `${url.replace(/^file:\/\//, '').replace(`${ROOT_DIR}/`, '')}:${lineNumber + 1}` : '';
    const key = `${name}\u0000${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
    const pkg = packageOf(where);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
  }
  const busy = Math.max(1, total - idle);
  return {
    file: path.relative(ROOT_DIR, file),
    startupIncluded: window === undefined,
    totalMs: Math.round(total * interval),
    idlePercent: Math.round((idle / Math.max(1, total)) * 1000) / 10,
    // percentages are of the busy (non-idle) time
    top: [...byFunction.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, hits]) => {
        const [functionName, where] = key.split('\u0000');
        return { functionName, where, selfMs: hits * interval, percent: (hits / busy) * 100 };
      }),
    packages: [...byPackage.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([name, hits]) => ({ name, selfMs: hits * interval, percent: (hits / busy) * 100 })),
  };
}
