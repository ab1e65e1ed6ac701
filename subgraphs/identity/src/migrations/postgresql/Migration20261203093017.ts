import { Migration } from '@mikro-orm/migrations';

export class Migration20261203093017 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "person_corp_id_created_at_union_id_index" on "identity"."person" ("corp_id", "created_at", "union_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "identity"."person_corp_id_created_at_union_id_index";`);
  }

}
