// Tables for the console and for bench/results/<date>.md, and the ratios the issue asks for.
import os from 'node:os';

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

const fixed = (value, digits = 1) => (value === undefined || value === null || Number.isNaN(value) ? '-' : Number(value).toFixed(digits));

/** The ratios of one query's results: throughput ours ÷ each peer, p50 of each gateway ÷ direct p50. */
export function ratios(byTarget) {
  const rps = (name) => byTarget[name]?.rps;
  const p50 = (name) => byTarget[name]?.p50;
  const gatewayCpu = (name) => cpuPerRequest(byTarget[name], 'gateway');
  const divide = (a, b) => (a !== undefined && b ? Math.round((a / b) * 100) / 100 : null);
  const out = {
    'ours ÷ hive (req/s)': divide(rps('ours'), rps('hive')),
    'ours ÷ hive-nodedup (req/s)': divide(rps('ours'), rps('hive-nodedup')),
    'ours ÷ apollo (req/s)': divide(rps('ours'), rps('apollo')),
    // the gateway's own CPU per request, the other way round (how many times less ours uses): what throughput shows only once the subgraphs are not the limit
    'hive ÷ ours (gateway CPU per request)': divide(gatewayCpu('hive'), gatewayCpu('ours')),
    'apollo ÷ ours (gateway CPU per request)': divide(gatewayCpu('apollo'), gatewayCpu('ours')),
  };
  for (const name of Object.keys(byTarget)) {
    if (name !== 'direct') out[`${name} p50 ÷ direct p50`] = divide(p50(name), p50('direct'));
  }
  return out;
}

/** CPU ms per completed request of the process serving `role` ('gateway' or 'subgraphs') during the measured runs. */
export function cpuPerRequest(result, role) {
  const micros = result?.cpuMicros?.[role];
  return micros === undefined || !result.requests ? undefined : Math.round((micros / result.requests / 1000) * 1000) / 1000;
}

/** The highest peak RSS (MiB) of the subgraphs' processes in a result (`peakMiB` by role: gateway, then each subgraph). */
function subgraphsPeak(result) {
  const peaks = Object.entries(result?.peakMiB ?? {}).filter(([role]) => role !== 'gateway').map(([, mib]) => mib);
  return peaks.length ? Math.max(...peaks) : undefined;
}

function table(headers, rows, markdown) {
  if (markdown) {
    return [`| ${headers.join(' | ')} |`, `|${headers.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  }
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** The whole report: one load table per query, its ratios, SQL per request, the machine. */
export function render(report, { markdown = false } = {}) {
  const h = (level, text) => (markdown ? `${'#'.repeat(level)} ${text}` : level <= 2 ? `\n== ${text} ==` : `\n-- ${text}`);
  const out = [];
  const { machine, settings } = report;
  out.push(h(2, `Corphub bench ${report.date}${settings.dry ? ' (dry: no load)' : ''}${settings.quick ? ' (quick)' : ''}`));
  out.push(
    `${markdown ? '' : '  '}Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; load average at start ${machine.loadAverage.join(' ')}${report.loadAverageEnd ? `, at the end ${report.loadAverageEnd.join(' ')}` : ''}.`,
    `${markdown ? '' : '  '}Database: ${settings.database}; corp "${settings.corp}" with ${settings.people} people. autocannon: ${settings.connections} connections, ${settings.duration} s per target and query${settings.warmup ? ` after a ${settings.warmup} s warm-up (excluded)` : ', no warm-up'}${settings.quick ? '; a run goes on (up to ten times as long) until each connection has an answer' : ''}.`,
    ...(settings.productionHeap ? [`${markdown ? '' : '  '}V8 heap: each gateway and subgraph process with its Kubernetes container's NODE_OPTIONS (--production-heap).`] : []),
    `${markdown ? '' : '  '}Figures are noisy on a shared machine: compare ratios within one run, not across runs.`,
  );
  for (const query of report.queries) {
    out.push(h(3, `${query.name}: ${query.title}`));
    if (query.skipped) {
      out.push(`skipped: ${query.skipped}`);
      continue;
    }
    const rows = Object.entries(query.results).map(([target, r]) => [
      target,
      fixed(r?.rps),
      fixed(r?.p50, 0),
      fixed(r?.p99, 0),
      r?.errors ?? '-',
      r?.non2xx ?? '-',
      r?.graphqlErrors ?? '-',
      fixed(cpuPerRequest(r, 'gateway'), 3),
      fixed(cpuPerRequest(r, 'subgraphs'), 3),
      fixed(r?.peakMiB?.gateway, 0),
      fixed(subgraphsPeak(r), 0),
      fixed(r?.load, 2),
    ]);
    out.push(table(['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'GraphQL errors', 'gateway CPU ms/req', 'subgraphs CPU ms/req', 'gateway peak MiB', 'subgraph peak MiB (max)', 'load avg'], rows, markdown));
    const ratioRows = Object.entries(query.ratios ?? {}).filter(([, value]) => value !== null).map(([name, value]) => [name, fixed(value, 2)]);
    if (ratioRows.length) out.push('', table(['ratio', 'value'], ratioRows, markdown));
  }
  const loaded = report.queries.filter((query) => !query.skipped && Object.values(query.results).some((r) => r?.peakMiB));
  if (loaded.length) {
    const processes = [...new Set(loaded.flatMap((query) => Object.values(query.results).flatMap((r) => Object.keys(r?.peakMiB ?? {}))))].sort((a, b) => (a === 'gateway' ? -1 : b === 'gateway' ? 1 : 0));
    out.push(h(3, "Peak RSS per query's load, MiB (sampled every 20 ms in each process; the highest of the rounds)"));
    const rows = loaded.flatMap((query) => Object.entries(query.results).map(([target, r]) => [query.name, target, ...processes.map((name) => fixed(r?.peakMiB?.[name], 0)), fixed(r?.load, 2)]));
    out.push(table(['query', 'target', ...processes, 'load avg'], rows, markdown));
  }
  if (report.mixed) {
    const { results, connections, queries } = report.mixed;
    const processes = [...new Set(Object.values(results).flatMap((r) => Object.keys(r?.peakMiB ?? {})))].filter((name) => name !== 'gateway');
    out.push(h(3, `Mixed load: ${connections} connections, each sending ${queries.join(', ')} in turn; peak RSS, MiB`));
    const rows = Object.entries(results).map(([target, r]) => [
      target,
      fixed(r.rps),
      fixed(r.p50, 0),
      fixed(r.p99, 0),
      r.errors + r.non2xx + r.graphqlErrors,
      fixed(r.peakMiB?.gateway, 0),
      ...processes.map((name) => fixed(r.peakMiB?.[name], 0)),
      fixed(r.load, 2),
    ]);
    out.push(table(['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'gateway peak MiB', ...processes, 'load avg'], rows, markdown));
  }
  if (report.idleMemory) {
    const { gateways, subgraphs } = report.idleMemory;
    out.push(h(3, 'Idle RSS, MiB: every process started, before any request'));
    out.push(table(['process', 'RSS MiB'], [...Object.entries(gateways).map(([name, mib]) => [`gateway ${name}`, fixed(mib, 0)]), ...Object.entries(subgraphs).map(([name, mib]) => [`subgraph ${name}`, fixed(mib, 0)])], markdown));
  }
  if (report.sql.length) {
    out.push(h(3, 'SQL statements per request, through our gateway'));
    const subgraphs = [...new Set(report.sql.flatMap((row) => Object.keys(row.statements)))];
    out.push(table(['query', ...subgraphs], report.sql.map((row) => [row.query, ...subgraphs.map((name) => row.statements[name] ?? 0)]), markdown));
  }
  if (report.summary?.length) {
    out.push(h(3, 'Department monthly attendance summary: departmentAttendance over a division and over the whole corp, one request at a time, through our gateway'));
    out.push(
      table(
        ['database', 'department', 'members', 'runs', 'median ms', 'min ms', 'max ms'],
        report.summary.map((row) =>
          row.skipped ? [row.database, row.scope ?? '', `skipped: ${row.skipped}`, '', '', '', ''] : [row.database, row.scope, row.memberCount, row.runs, fixed(row.medianMs), fixed(row.minMs), fixed(row.maxMs)],
        ),
        markdown,
      ),
    );
  }
  if (report.seed?.subgraphs) {
    out.push(h(3, `Seed (${fixed(report.seed.ms / 1000)} s; rows over both corps)`));
    out.push(
      table(
        ['subgraph', 'seconds', 'rows'],
        Object.entries(report.seed.subgraphs).map(([name, { ms, rows }]) => [name, fixed(ms / 1000), Object.entries(rows).map(([t, n]) => `${t} ${n}`).join(', ')]),
        markdown,
      ),
    );
  }
  if (report.phases?.length) {
    out.push(h(3, `Phases (${report.elapsedSeconds} s from the start to this table)`));
    out.push(table(['phase', 'seconds'], report.phases.map((row) => [row.name, fixed(row.seconds)]), markdown));
  }
  out.push(h(3, 'Targets'));
  out.push(...report.targets.map((target) => `${markdown ? '- ' : '  '}${target.name}: ${target.label}`));
  for (const [profile, whose] of [[report.profile, 'our gateway'], ...(report.subgraphsProfiles ?? []).map((one) => [one, `the ${one.name} subgraph's process`])]) {
    if (!profile) continue;
    out.push(h(3, `CPU profile of ${whose} under load (${profile.file})`));
    out.push(`Idle ${fixed(profile.idlePercent)}% of ${fixed(profile.totalMs / 1000)} s (${profile.startupIncluded ? 'start-up included' : 'the load only'}); shares below are of the busy time.`, '');
    out.push(table(['package', 'self %', 'self ms'], profile.packages.map((p) => [p.name, fixed(p.percent), fixed(p.selfMs, 0)]), markdown), '');
    out.push(table(['function', 'self %', 'self ms', 'where'], profile.top.map((f) => [f.functionName, fixed(f.percent), fixed(f.selfMs, 0), f.where]), markdown));
  }
  return out.join('\n') + '\n';
}
