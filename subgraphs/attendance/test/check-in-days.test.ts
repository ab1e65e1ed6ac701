import { initOrm, scopeToCorp, type MigrationsByDialect } from '@corphub/module-kit';
import { testDatabase } from '@corphub/module-kit/testing';
import { attendance } from '@corphub/attendance';
import type { MikroORM } from '@mikro-orm/core';
import { CheckIn, CheckInType } from '../src/check-ins/check-in.entity';
import { CheckInDay } from '../src/check-ins/check-in-day.entity';
import { readCheckInDays, recountCheckInDays } from '../src/check-ins/check-in-days';

const counts = (day: CheckInDay | null) => day && [day.onDuty, day.offDuty, day.field, day.late, day.earlyLeave, day.outOfRange];

function checkIn(unionId: string, type: CheckInType, localDate: string, late = false): CheckIn {
  const row = new CheckIn(unionId, type, new Date(`${localDate}T01:00:00Z`), { late, earlyLeave: false, outOfRange: false });
  row.localDate = localDate;
  return row;
}

describe('check-in days: the per-person-day counts summaries read', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let orm: MikroORM;
  const corp = (corpId = 'corp-a') => scopeToCorp(orm.em.fork(), corpId);
  const day = (unionId: string, localDate: string, corpId = 'corp-a') => corp(corpId).findOne(CheckInDay, { unionId, localDate });

  beforeAll(async () => {
    database = await testDatabase('attendance_days');
    orm = await initOrm({ database: database.targetFor('attendance'), entities: attendance.entities, migrations: attendance.migrations });
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  it('count every check-in written through the unit of work, and forget a deleted one, in its transaction', async () => {
    const em = corp();
    em.persist([checkIn('un_a', CheckInType.ON_DUTY, '2026-03-02', true), checkIn('un_a', CheckInType.OFF_DUTY, '2026-03-02'), checkIn('un_a', CheckInType.FIELD, '2026-03-03')]);
    await em.flush();
    expect(counts(await day('un_a', '2026-03-02'))).toEqual([1, 1, 0, 1, 0, 0]);
    expect(counts(await day('un_a', '2026-03-03'))).toEqual([0, 0, 1, 0, 0, 0]);

    const late = await em.findOneOrFail(CheckIn, { unionId: 'un_a', localDate: '2026-03-02', type: CheckInType.ON_DUTY });
    await em.remove(late).flush();
    expect(counts(await day('un_a', '2026-03-02'))).toEqual([0, 1, 0, 0, 0, 0]);

    // a transaction that fails leaves the counts as they were
    await expect(
      corp().transactional(async (tx) => {
        tx.persist(checkIn('un_a', CheckInType.ON_DUTY, '2026-03-02'));
        await tx.flush();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(counts(await day('un_a', '2026-03-02'))).toEqual([0, 1, 0, 0, 0, 0]);
  });

  it('count check-ins of one person and day written at the same time, each once', async () => {
    // the first check-ins of a day race to create its row: on several days, so the race is run more than once
    const dates = ['2026-03-04', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07'];
    for (const date of dates) {
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          const em = corp();
          em.persist(checkIn('un_b', CheckInType.ON_DUTY, date));
          await em.flush();
        }),
      );
    }
    for (const date of dates) expect(counts(await day('un_b', date))).toEqual([8, 0, 0, 0, 0, 0]);
  });

  it('are read per person for a range, within the corp only', async () => {
    const other = corp('corp-b');
    other.persist(checkIn('un_a', CheckInType.ON_DUTY, '2026-03-03'));
    await other.flush();
    const read = await readCheckInDays(corp(), ['un_a', 'un_b', 'un_nobody'], '2026-03-01', '2026-03-03');
    expect([...read.keys()].sort()).toEqual(['un_a']);
    expect(Object.fromEntries(read.get('un_a')!)).toEqual({
      '2026-03-02': { onDuty: 0, offDuty: 1, field: 0, late: 0, earlyLeave: 0, outOfRange: 0 },
      '2026-03-03': { onDuty: 0, offDuty: 0, field: 1, late: 0, earlyLeave: 0, outOfRange: 0 },
    });
    // thousands of people are picked from the corp's rows instead of listed: the same answer, others left out
    const many = await readCheckInDays(corp(), ['un_a', ...Array.from({ length: 2500 }, (_, i) => `un_x${i}`)], '2026-03-01', '2026-03-03');
    expect([...many.keys()]).toEqual(['un_a']);
    expect(many.get('un_a')).toEqual(read.get('un_a'));
  });

  it('are recounted from the check-ins after a bulk write, for one corp', async () => {
    await corp().insertMany(CheckIn, [{ ...checkIn('un_c', CheckInType.ON_DUTY, '2026-03-05'), corpId: 'corp-a' }]);
    expect(await day('un_c', '2026-03-05')).toBeNull();
    await corp().transactional((tx) => recountCheckInDays(tx, 'corp-a'));
    expect(counts(await day('un_c', '2026-03-05'))).toEqual([1, 0, 0, 0, 0, 0]);
    expect(counts(await day('un_b', '2026-03-04'))).toEqual([8, 0, 0, 0, 0, 0]);
    expect(counts(await day('un_a', '2026-03-03', 'corp-b'))).toEqual([1, 0, 0, 0, 0, 0]);
  });
});

describe('the check_in_day migration', () => {
  it('counts the days of the check-ins written before it', async () => {
    const database = await testDatabase('attendance_days_migration');
    try {
      const target = database.targetFor('attendance');
      const table = (name: string) => (target.dialect === 'postgresql' ? `"attendance"."${name}"` : `"${name}"`);
      // the schema as it was before check_in_day: every migration older than the one that made it
      const without = (list: MigrationsByDialect[keyof MigrationsByDialect]) => list.filter((migration) => migration.name < 'Migration20261205211531');
      const before = await initOrm({ database: target, entities: attendance.entities, migrations: { sqlite: without(attendance.migrations.sqlite), postgresql: without(attendance.migrations.postgresql) } });
      const at = target.dialect === 'postgresql' ? 'now()' : String(Date.now());
      const insert = (id: number, corpId: string, unionId: string, type: string, date: string, late: boolean) =>
        before.em
          .getConnection()
          .execute(
            `insert into ${table('check_in')} (id, corp_id, union_id, type, checked_at, local_date, late, early_leave, out_of_range) values ('00000000-0000-4000-8000-00000000000${id}', '${corpId}', '${unionId}', '${type}', ${at}, '${date}', ${late}, false, false)`,
          );
      await insert(1, 'corp-a', 'un_a', 'ON_DUTY', '2026-03-02', true);
      await insert(2, 'corp-a', 'un_a', 'OFF_DUTY', '2026-03-02', false);
      await insert(3, 'corp-b', 'un_a', 'FIELD', '2026-03-02', false);
      await before.close(true);
      const after = await initOrm({ database: target, entities: attendance.entities, migrations: attendance.migrations });
      try {
        const rows = await after.em.getConnection().execute<Record<string, unknown>[]>(`select id, on_duty, off_duty, field, late from ${table('check_in_day')} order by id`);
        expect(rows.map((row: Record<string, unknown>) => [row.id, Number(row.on_duty), Number(row.off_duty), Number(row.field), Number(row.late)])).toEqual([
          ['corp-a|un_a|2026-03-02', 1, 1, 0, 1],
          ['corp-b|un_a|2026-03-02', 0, 0, 1, 0],
        ]);
      } finally {
        await after.close(true);
      }
    } finally {
      await database.drop();
    }
  });
});
