import { initOrm, type MigrationsByDialect } from '@corphub/module-kit';
import { testDatabase, type TestDatabase } from '@corphub/module-kit/testing';
import { expenses, ExpenseSettings, LineItem } from '@corphub/expenses';

const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);
const CLAIM = '00000000-0000-4000-8000-000000000001';

/** A database migrated up to just before the ISO 4217 rescale, with `seed` run on it. */
async function beforeRescale(database: TestDatabase, seed: (sql: (text: string) => Promise<unknown>, table: (name: string) => string) => Promise<void>) {
  const target = database.targetFor('expenses');
  const table = (name: string) => (target.dialect === 'postgresql' ? `"expenses"."${name}"` : `"${name}"`);
  const earlier: MigrationsByDialect = { sqlite: expenses.migrations.sqlite.slice(0, 3), postgresql: expenses.migrations.postgresql.slice(0, 3) };
  const orm = await initOrm({ database: target, entities: expenses.entities, migrations: earlier });
  try {
    const sql = (text: string) => orm.em.getConnection().execute(text);
    const now = target.dialect === 'postgresql' ? 'now()' : String(Date.now());
    await sql(`insert into ${table('expense_claim')} (id, corp_id, claimant_union_id, title, status, version, created_at, updated_at) values ('${CLAIM}', 'corp-a', 'un_a', 'Trip', 'DRAFT', 1, ${now}, ${now})`);
    await seed(sql, table);
  } finally {
    await orm.close(true);
  }
  return target;
}

const item = (table: (name: string) => string, position: number, minor: number, currency: string) =>
  `insert into ${table('line_item')} (id, corp_id, claim_id, position, category, amount_amount_minor, amount_currency, incurred_on) ` +
  `values ('00000000-0000-4000-8000-00000000010${position}', 'corp-a', '${CLAIM}', ${position}, 'travel', ${minor}, '${currency}', '2026-11-02')`;

describe('expenses migrations', () => {
  it('rescale amounts stored with ICU’s minor digits to ISO 4217’s, keeping what they meant', async () => {
    const database = await testDatabase('expenses_migrations');
    try {
      const target = await beforeRescale(database, async (sql, table) => {
        // stored when the kit read HUF, IDR, PKR, COP as 0 digits and IQD as 0 (ISO: 2 and 3), XDR as 2 (ISO: none)
        const rows: [number, string][] = [[1234, 'HUF'], [50000, 'IDR'], [750, 'PKR'], [98000, 'COP'], [25, 'IQD'], [12850, 'CNY'], [1280, 'JPY'], [1500, 'KWD'], [4200, 'XDR']];
        for (const [index, [minor, currency]] of rows.entries()) await sql(item(table, index, minor, currency));
        const limits = JSON.stringify([{ level: 1, currency: 'HUF', amountMinor: 100000 }, { level: 1, currency: 'CNY', amountMinor: 500000 }]);
        await sql(`insert into ${table('expense_settings')} (id, corp_id, categories, manager_depth, finance_mode, approval_limits) values ('00000000-0000-4000-8000-000000000201', 'corp-a', '[]', 2, 'ANY', '${limits}')`);
      });

      const after = await initOrm({ database: target, entities: expenses.entities, migrations: expenses.migrations });
      try {
        const em = after.em.fork();
        const items = await em.find(LineItem, {}, { filters: false, orderBy: { position: 'asc' } });
        expect(items.map(({ amount }) => [amount.currency, amount.amountMinor, amount.amount])).toEqual([
          ['HUF', 123400, '1234.00'],
          ['IDR', 5000000, '50000.00'],
          ['PKR', 75000, '750.00'],
          ['COP', 9800000, '98000.00'],
          ['IQD', 25000, '25.000'],
          ['CNY', 12850, '128.50'],
          ['JPY', 1280, '1280'],
          ['KWD', 1500, '1.500'],
          ['XDR', 42, '42'],
        ]);
        const [settings] = await em.find(ExpenseSettings, {}, { filters: false });
        expect(json(settings.approvalLimits)).toEqual([
          { level: 1, currency: 'HUF', amountMinor: 10000000 },
          { level: 1, currency: 'CNY', amountMinor: 500000 },
        ]);
      } finally {
        await after.close(true);
      }
    } finally {
      await database.drop();
    }
  });

  it('stop with nothing changed when an amount cannot be rescaled exactly', async () => {
    const database = await testDatabase('expenses_migrations_refused');
    try {
      const target = await beforeRescale(database, async (sql, table) => {
        await sql(item(table, 0, 1234, 'HUF'));
        // 42.05 SDR: ISO 4217 gives the SDR no minor unit, so it has no exact form any more
        await sql(item(table, 1, 4205, 'XDR'));
      });
      await expect(initOrm({ database: target, entities: expenses.entities, migrations: expenses.migrations })).rejects.toThrow(/1 line item\(s\) in XDR\/XSU cannot be divided by 100 exactly/);

      const earlier: MigrationsByDialect = { sqlite: expenses.migrations.sqlite.slice(0, 3), postgresql: expenses.migrations.postgresql.slice(0, 3) };
      const orm = await initOrm({ database: target, entities: expenses.entities, migrations: earlier });
      try {
        const table = target.dialect === 'postgresql' ? '"expenses"."line_item"' : '"line_item"';
        const rows = await orm.em.getConnection().execute<Record<string, unknown>[]>(`select amount_currency, amount_amount_minor from ${table} order by position`);
        expect(rows.map((row: Record<string, unknown>) => [row.amount_currency, Number(row.amount_amount_minor)])).toEqual([
          ['HUF', 1234],
          ['XDR', 4205],
        ]);
      } finally {
        await orm.close(true);
      }
    } finally {
      await database.drop();
    }
  });
});
