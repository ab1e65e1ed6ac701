import { Migration } from '@mikro-orm/migrations';

export class Migration20261205072552 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`calendar_day\` (\`id\` text not null, \`corp_id\` text not null, \`region\` text not null, \`date\` text not null, \`kind\` text check (\`kind\` in ('HOLIDAY', 'WORKDAY')) not null, \`name\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`calendar_day_corp_id_index\` on \`calendar_day\` (\`corp_id\`);`);
    this.addSql(`create unique index \`calendar_day_corp_id_region_date_unique\` on \`calendar_day\` (\`corp_id\`, \`region\`, \`date\`);`);

    this.addSql(`alter table \`rule_version\` add column \`calendar_region\` text null;`);
  }

}
