import { Migration } from '@mikro-orm/migrations';

export class Migration20261206055536 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "membership_corp_id_employee_key_index" on "directory"."membership" ("corp_id", "employee_key");`);

    this.addSql(`create index "employee_tag_corp_id_employee_key_index" on "directory"."employee_tag" ("corp_id", "employee_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "directory"."employee_tag_corp_id_employee_key_index";`);

    this.addSql(`drop index "directory"."membership_corp_id_employee_key_index";`);
  }

}
