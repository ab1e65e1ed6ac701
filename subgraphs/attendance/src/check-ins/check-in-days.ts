import { raw, type EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { dialectOf } from '@corphub/module-kit';
import { CheckInDay } from './check-in-day.entity';
import { CheckIn, CheckInType } from './check-in.entity';

/** One person's check-ins on one local date: how many of each type and with each exception. */
export interface DayCounts {
  onDuty: number;
  offDuty: number;
  field: number;
  late: number;
  earlyLeave: number;
  outOfRange: number;
}

const COUNT_COLUMNS = ['on_duty', 'off_duty', 'field', 'late', 'early_leave', 'out_of_range'] as const;

const tableOf = (em: EntityManager, entity: typeof CheckIn | typeof CheckInDay) => (em as SqlEntityManager).getDriver().getTableName(em.getMetadata().get(entity.name), {});

/**
 * Adds a check-in to its person's day (`sign` 1), or takes it away (-1), in the entity manager's transaction.
 * An increment in the upsert itself, so two check-ins of one person written at once both count.
 */
export async function countCheckIn(em: EntityManager, checkIn: CheckIn, sign: 1 | -1): Promise<void> {
  const counts = [checkIn.type === CheckInType.ON_DUTY, checkIn.type === CheckInType.OFF_DUTY, checkIn.type === CheckInType.FIELD, checkIn.late, checkIn.earlyLeave, checkIn.outOfRange];
  await em.getConnection().execute(
    `insert into ${tableOf(em, CheckInDay)} as d (id, corp_id, union_id, local_date, ${COUNT_COLUMNS.join(', ')}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (id) do update set ${COUNT_COLUMNS.map((column) => `${column} = d.${column} + excluded.${column}`).join(', ')}`,
    [`${checkIn.corpId}|${checkIn.unionId}|${checkIn.localDate}`, checkIn.corpId, checkIn.unionId, checkIn.localDate, ...counts.map((counted) => (counted ? sign : 0))],
    'run',
    em.getTransactionContext(),
  );
}

/** Counts a corp's days again from its check-ins: after a bulk write that bypassed `countCheckIn` (the seeds). */
export async function recountCheckInDays(em: EntityManager, corpId: string): Promise<void> {
  const sum = (condition: string) => `sum(case when ${condition} then 1 else 0 end)`;
  const connection = em.getConnection();
  await connection.execute(`delete from ${tableOf(em, CheckInDay)} where corp_id = ?`, [corpId], 'run', em.getTransactionContext());
  await connection.execute(
    `insert into ${tableOf(em, CheckInDay)} (id, corp_id, union_id, local_date, ${COUNT_COLUMNS.join(', ')})
     select corp_id || '|' || union_id || '|' || local_date, corp_id, union_id, local_date,
       ${[`type = 'ON_DUTY'`, `type = 'OFF_DUTY'`, `type = 'FIELD'`, 'late', 'early_leave', 'out_of_range'].map(sum).join(', ')}
     from ${tableOf(em, CheckIn)} where corp_id = ? group by corp_id, union_id, local_date`,
    [corpId],
    'run',
    em.getTransactionContext(),
  );
}

/**
 * Each person's day counts over [from, to]: one statement for any number of people, answering a row per
 * person (their days in one string) rather than a row per person-day, which the driver reads far faster.
 * The people go as one JSON parameter: a corp of any size stays within SQLite's parameter limit.
 */
export async function readCheckInDays(em: EntityManager, unionIds: readonly string[], from: string, to: string): Promise<Map<string, Map<string, DayCounts>>> {
  const byPerson = new Map<string, Map<string, DayCounts>>();
  if (!unionIds.length) return byPerson;
  const postgres = dialectOf(em) === 'postgresql';
  const day = ['d.local_date', ...COUNT_COLUMNS.map((column) => `d.${column}`)].join(` || ' ' || `);
  const qb = (em as SqlEntityManager)
    .createQueryBuilder(CheckInDay, 'd')
    .select(['d.union_id', raw(postgres ? `string_agg(${day}, ',') as days` : `group_concat(${day}, ',') as days`)])
    .where({
      localDate: { $gte: from, $lte: to },
      [raw(postgres ? 'd.union_id in (select jsonb_array_elements_text(?::jsonb))' : 'd.union_id in (select value from json_each(?))', [JSON.stringify(unionIds)])]: [],
    })
    .groupBy('d.union_id');
  await qb.applyFilters();
  for (const row of await qb.execute<{ union_id: string; days: string }[]>('all', false)) {
    const days = new Map<string, DayCounts>();
    for (const text of row.days.split(',')) {
      const [date, onDuty, offDuty, field, late, earlyLeave, outOfRange] = text.split(' ');
      days.set(date, { onDuty: +onDuty, offDuty: +offDuty, field: +field, late: +late, earlyLeave: +earlyLeave, outOfRange: +outOfRange });
    }
    byPerson.set(row.union_id, days);
  }
  return byPerson;
}
