import { Migration } from '@mikro-orm/migrations';

export class Migration20261205120948 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "expenses"."expense_claim" add column "approval_id" varchar(36) null, add column "approval_synced" int not null default 0;`);
    this.addSql(`create index "expense_claim_approval_id_index" on "expenses"."expense_claim" ("approval_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "expenses"."expense_claim_approval_id_index";`);
    this.addSql(`alter table "expenses"."expense_claim" drop column "approval_id", drop column "approval_synced";`);
  }

}
