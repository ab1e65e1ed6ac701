import { Migration } from '@mikro-orm/migrations';

export class Migration20261205072553 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "attendance"."calendar_day" ("id" uuid not null, "corp_id" varchar(64) not null, "region" varchar(16) not null, "date" varchar(10) not null, "kind" text check ("kind" in ('HOLIDAY', 'WORKDAY')) not null, "name" varchar(200) not null, constraint "calendar_day_pkey" primary key ("id"));`);
    this.addSql(`create index "calendar_day_corp_id_index" on "attendance"."calendar_day" ("corp_id");`);
    this.addSql(`alter table "attendance"."calendar_day" add constraint "calendar_day_corp_id_region_date_unique" unique ("corp_id", "region", "date");`);

    this.addSql(`alter table "attendance"."rule_version" add column "calendar_region" varchar(16) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attendance"."calendar_day" cascade;`);

    this.addSql(`alter table "attendance"."rule_version" drop column "calendar_region";`);
  }

}
