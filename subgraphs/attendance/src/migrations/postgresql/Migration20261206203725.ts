import { Migration } from '@mikro-orm/migrations';

export class Migration20261206203725 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "attendance"."check_in_day" drop constraint "check_in_day_corp_id_union_id_local_date_unique";`);

    this.addSql(`create index "check_in_day_corp_id_union_id_local_date_index" on "attendance"."check_in_day" ("corp_id", "union_id", "local_date");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "attendance"."check_in_day_corp_id_union_id_local_date_index";`);

    this.addSql(`alter table "attendance"."check_in_day" add constraint "check_in_day_corp_id_union_id_local_date_unique" unique ("corp_id", "union_id", "local_date");`);
  }

}
