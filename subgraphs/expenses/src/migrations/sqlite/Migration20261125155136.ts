import { Migration } from '@mikro-orm/migrations';

export class Migration20261125155136 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`expense_settings\` add column \`approval_limits\` json not null default '[]';`);
    // SQLite cannot drop a column default in place: rebuild the table without it (as the entity says)
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`expense_settings__temp_alter\` (\`id\` text not null, \`corp_id\` text not null, \`categories\` json not null, \`manager_depth\` integer not null default 2, \`finance_mode\` text not null default 'ANY', \`approval_limits\` json not null, primary key (\`id\`));`);
    this.addSql(`insert into \`expense_settings__temp_alter\` select \`id\`, \`corp_id\`, \`categories\`, \`manager_depth\`, \`finance_mode\`, \`approval_limits\` from \`expense_settings\`;`);
    this.addSql(`drop table \`expense_settings\`;`);
    this.addSql(`alter table \`expense_settings__temp_alter\` rename to \`expense_settings\`;`);
    this.addSql(`create index \`expense_settings_corp_id_index\` on \`expense_settings\` (\`corp_id\`);`);
    this.addSql(`create unique index \`expense_settings_corp_id_unique\` on \`expense_settings\` (\`corp_id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
