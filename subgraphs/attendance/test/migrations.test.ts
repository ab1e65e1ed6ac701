import { initOrm, type MigrationsByDialect } from '@corphub/module-kit';
import { testDatabase } from '@corphub/module-kit/testing';
import { attendance } from '@corphub/attendance';

const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

describe('attendance migrations', () => {
  it('carry each rule’s targets over to every one of its versions', async () => {
    const database = await testDatabase('attendance_migrations');
    try {
      const target = database.targetFor('attendance');
      const table = (name: string) => (target.dialect === 'postgresql' ? `"attendance"."${name}"` : `"${name}"`);
      const now = target.dialect === 'postgresql' ? 'now()' : String(Date.now());
      // the schema before targets were versioned: the first migration only
      const first: MigrationsByDialect = { sqlite: attendance.migrations.sqlite.slice(0, 1), postgresql: attendance.migrations.postgresql.slice(0, 1) };
      const before = await initOrm({ database: target, entities: attendance.entities, migrations: first });
      const sql = (text: string) => before.em.getConnection().execute(text);
      const rule = (id: string, targets: [string, string, string]) =>
        sql(`insert into ${table('check_in_rule')} (id, corp_id, name, status, department_ids, union_ids, tags, created_at) values ('${id}', 'corp-a', 'Rule', 'ACTIVE', '${targets[0]}', '${targets[1]}', '${targets[2]}', ${now})`);
      const version = (id: string, ruleId: string, from: string) =>
        sql(
          `insert into ${table('rule_version')} (id, corp_id, rule_id, effective_from, timezone, work_days, on_duty_time, off_duty_time, flexible_minutes, late_grace_minutes, early_leave_grace_minutes, places, field_photo_required, wifi_bssids, holidays, special_work_days, created_at) ` +
            `values ('${id}', 'corp-a', '${ruleId}', '${from}', 'Asia/Shanghai', '[1,2,3,4,5]', '09:00', '18:00', 0, 0, 0, '[]', false, '[]', '[]', '[]', ${now})`,
        );
      await rule('00000000-0000-4000-8000-000000000001', ['["sales"]', '[]', '["on-call"]']);
      await rule('00000000-0000-4000-8000-000000000002', ['[]', '["un_a"]', '[]']);
      await version('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001', '2026-03-01');
      await version('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000001', '2026-03-10');
      await version('00000000-0000-4000-8000-00000000000c', '00000000-0000-4000-8000-000000000002', '2026-03-01');
      await before.close(true);

      const after = await initOrm({ database: target, entities: attendance.entities, migrations: attendance.migrations });
      try {
        const rows = await after.em.getConnection().execute<Record<string, unknown>[]>(`select rule_id, effective_from, department_ids, union_ids, tags from ${table('rule_version')} order by rule_id, effective_from`);
        expect(rows.map((row: Record<string, unknown>) => [String(row.rule_id).slice(-1), row.effective_from, json(row.department_ids), json(row.union_ids), json(row.tags)])).toEqual([
          ['1', '2026-03-01', ['sales'], [], ['on-call']],
          ['1', '2026-03-10', ['sales'], [], ['on-call']],
          ['2', '2026-03-01', [], ['un_a'], []],
        ]);
        const columns = await after.em.getConnection().execute<Record<string, unknown>[]>(`select * from ${table('check_in_rule')}`);
        expect(Object.keys(columns[0])).not.toContain('department_ids');
      } finally {
        await after.close(true);
      }
    } finally {
      await database.drop();
    }
  });
});
