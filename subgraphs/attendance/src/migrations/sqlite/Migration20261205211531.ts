import { Migration } from '@mikro-orm/migrations';

export class Migration20261205211531 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`check_in_day\` (\`id\` text not null, \`corp_id\` text not null, \`union_id\` text not null, \`local_date\` text not null, \`on_duty\` integer not null, \`off_duty\` integer not null, \`field\` integer not null, \`late\` integer not null, \`early_leave\` integer not null, \`out_of_range\` integer not null, primary key (\`id\`));`);
    this.addSql(`create index \`check_in_day_corp_id_index\` on \`check_in_day\` (\`corp_id\`);`);
    this.addSql(`create unique index \`check_in_day_corp_id_union_id_local_date_unique\` on \`check_in_day\` (\`corp_id\`, \`union_id\`, \`local_date\`);`);
    // the days of the check-ins written before this table existed
    this.addSql(`insert into \`check_in_day\` (id, corp_id, union_id, local_date, on_duty, off_duty, field, late, early_leave, out_of_range) select corp_id || '|' || union_id || '|' || local_date, corp_id, union_id, local_date, sum(case when \`type\` = 'ON_DUTY' then 1 else 0 end), sum(case when \`type\` = 'OFF_DUTY' then 1 else 0 end), sum(case when \`type\` = 'FIELD' then 1 else 0 end), sum(case when \`late\` then 1 else 0 end), sum(case when \`early_leave\` then 1 else 0 end), sum(case when \`out_of_range\` then 1 else 0 end) from \`check_in\` group by corp_id, union_id, local_date;`);
  }

}
