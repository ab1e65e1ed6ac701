import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { insertEntities, scopeToCorp, type BenchmarkCorp } from '@corphub/module-kit';
import { DEMO, DEMO_PEOPLE, DEMO_VOICE_NOTE } from '@corphub/demo';
import { audienceKeys, NO_FACTS } from './work-logs/work-log.audience';
import { WorkLog, WorkLogAudience, WorkLogKind, WorkLogVisibility } from './work-logs/work-log.entity';

const DEMO_TEXTS = [
  'Visited two customers, sent the quote for the spring order.',
  'Fixed the login timeout bug, reviewed two pull requests.',
  'Closed the October books, reconciled the travel expenses.',
  'Interviewed a candidate for the mobile team, planned next week.',
  'Customer call about delivery dates; updated the CRM notes.',
];

/** The `days` calendar days up to today in `timeZone`, oldest first ('YYYY-MM-DD'). */
export function lastDays(days: number, timeZone: string, now = new Date()): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return Array.from({ length: days }, (_, i) => format.format(new Date(now.getTime() - (days - 1 - i) * 86_400_000)));
}

/** A log as the seeds write it, with the audience keys that need no directory data: the rows to write. */
function seedLog(em: EntityManager, author: string, date: string, text: string, visibility: WorkLogVisibility, readers: string[], voice = false): object[] {
  const log = new WorkLog(author, WorkLogKind.DAILY, text, visibility);
  Object.assign(log, { date, readerUnionIds: readers, createdAt: new Date(`${date}T10:00:00.000Z`) });
  if (voice) Object.assign(log, { voiceMediaId: DEMO_VOICE_NOTE.mediaId, voiceDurationSeconds: DEMO_VOICE_NOTE.durationSeconds });
  const ref = em.getReference(WorkLog, log.id, { wrapped: true });
  return [log, ...audienceKeys(author, NO_FACTS, visibility, readers).map((key) => new WorkLogAudience(ref, key))];
}

/**
 * Idempotent: a DAILY log for each of the last three days for every demo person who has none for that day.
 * Two people in three have a voice note on their newest log: the demo voice note the media subgraph's seed
 * stores (DEMO_VOICE_NOTE, with its id and duration). Visibility CORP, except every fifth
 * person, whose logs only they and the demo admin read (PEOPLE). TEAM and DEPARTMENT logs need the
 * author's departments from the directory at write time, so the demo shows them only once written
 * through `createWorkLog`.
 */
export async function seedDemo(orm: MikroORM): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), DEMO.corpId);
  const days = lastDays(3, DEMO.timezone);
  await em.transactional(async (tx) => {
    const existing = await tx.find(WorkLog, { kind: WorkLogKind.DAILY, date: { $in: days } }, { fields: ['authorUnionId', 'date'] });
    const done = new Set(existing.map((log) => `${log.authorUnionId}|${log.date}`));
    for (const [index, person] of DEMO_PEOPLE.entries()) {
      const people = index % 5 === 4;
      for (const [day, date] of days.entries()) {
        if (done.has(`${person.unionId}|${date}`)) continue;
        const text = DEMO_TEXTS[(index + day) % DEMO_TEXTS.length];
        const voice = day === days.length - 1 && index % 3 !== 2;
        tx.persist(seedLog(tx, person.unionId, date, text, people ? WorkLogVisibility.PEOPLE : WorkLogVisibility.CORP, people ? [DEMO.adminUnionId] : [], voice));
      }
    }
  });
}

const BATCH = 2000;
const BENCHMARK_DAYS = 3;

/** `npm run seed`: a CORP-visible DAILY log for each of the last three days for every person, in one transaction. */
export async function seedBenchmark(orm: MikroORM, { corpId, people }: BenchmarkCorp): Promise<void> {
  const em = scopeToCorp(orm.em.fork(), corpId);
  if (await em.count(WorkLog, {})) throw new Error(`Corp "${corpId}" already has work logs: pick another --corp`);
  const days = lastDays(BENCHMARK_DAYS, 'UTC');
  await em.transactional(async (tx) => {
    for (let start = 0; start < people.length; start += BATCH) {
      const rows = people.slice(start, start + BATCH).flatMap((person, offset) => days.flatMap((date) => seedLog(tx, person.unionId, date, DEMO_TEXTS[(start + offset) % DEMO_TEXTS.length], WorkLogVisibility.CORP, [])));
      await insertEntities(tx, rows);
    }
  });
}
