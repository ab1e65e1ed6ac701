import { Migration } from '@mikro-orm/migrations';

export class Migration20261125155138 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "expenses"."expense_settings" add column "approval_limits" jsonb not null default '[]';`);
    this.addSql(`alter table "expenses"."expense_settings" alter column "approval_limits" drop default;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "expenses"."expense_settings" drop column "approval_limits";`);
  }

}
