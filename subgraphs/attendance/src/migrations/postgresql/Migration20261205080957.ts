import { Migration } from '@mikro-orm/migrations';

export class Migration20261205080957 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "attendance"."check_in" add column "nearest_place_name" varchar(100) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "attendance"."check_in" drop column "nearest_place_name";`);
  }

}
