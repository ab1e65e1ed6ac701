import { Migration } from '@mikro-orm/migrations';

export class Migration20261205211531 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "attendance"."check_in_day" ("id" varchar(120) not null, "corp_id" varchar(64) not null, "union_id" varchar(40) not null, "local_date" varchar(10) not null, "on_duty" int not null, "off_duty" int not null, "field" int not null, "late" int not null, "early_leave" int not null, "out_of_range" int not null, constraint "check_in_day_pkey" primary key ("id"));`);
    this.addSql(`create index "check_in_day_corp_id_index" on "attendance"."check_in_day" ("corp_id");`);
    this.addSql(`alter table "attendance"."check_in_day" add constraint "check_in_day_corp_id_union_id_local_date_unique" unique ("corp_id", "union_id", "local_date");`);
    // the days of the check-ins written before this table existed
    this.addSql(`insert into "attendance"."check_in_day" (id, corp_id, union_id, local_date, on_duty, off_duty, field, late, early_leave, out_of_range) select corp_id || '|' || union_id || '|' || local_date, corp_id, union_id, local_date, sum(case when "type" = 'ON_DUTY' then 1 else 0 end), sum(case when "type" = 'OFF_DUTY' then 1 else 0 end), sum(case when "type" = 'FIELD' then 1 else 0 end), sum(case when "late" then 1 else 0 end), sum(case when "early_leave" then 1 else 0 end), sum(case when "out_of_range" then 1 else 0 end) from "attendance"."check_in" group by corp_id, union_id, local_date;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attendance"."check_in_day" cascade;`);
  }

}
