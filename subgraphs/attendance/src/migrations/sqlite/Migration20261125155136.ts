import { Migration } from '@mikro-orm/migrations';

/** Rule targets move to the rule's versions: every existing version keeps the targets its rule had. */
export class Migration20261125155136 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`rule_version\` add column \`department_ids\` json not null default '[]';`);
    this.addSql(`alter table \`rule_version\` add column \`union_ids\` json not null default '[]';`);
    this.addSql(`alter table \`rule_version\` add column \`tags\` json not null default '[]';`);
    this.addSql(`update \`rule_version\` set \`department_ids\` = (select r.\`department_ids\` from \`check_in_rule\` r where r.\`id\` = \`rule_version\`.\`rule_id\`), \`union_ids\` = (select r.\`union_ids\` from \`check_in_rule\` r where r.\`id\` = \`rule_version\`.\`rule_id\`), \`tags\` = (select r.\`tags\` from \`check_in_rule\` r where r.\`id\` = \`rule_version\`.\`rule_id\`) where exists (select 1 from \`check_in_rule\` r where r.\`id\` = \`rule_version\`.\`rule_id\`);`);

    this.addSql(`alter table \`check_in_rule\` drop column \`department_ids\`;`);
    this.addSql(`alter table \`check_in_rule\` drop column \`union_ids\`;`);
    this.addSql(`alter table \`check_in_rule\` drop column \`tags\`;`);
    // SQLite cannot drop a column default in place: rebuild the table without it (as the entity says)
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`rule_version__temp_alter\` (\`id\` text not null, \`corp_id\` text not null, \`rule_id\` text not null, \`effective_from\` text not null, \`timezone\` text not null, \`work_days\` json not null, \`on_duty_time\` text not null, \`off_duty_time\` text not null, \`flexible_minutes\` integer not null, \`late_grace_minutes\` integer not null, \`early_leave_grace_minutes\` integer not null, \`places\` json not null, \`field_photo_required\` integer not null, \`wifi_bssids\` json not null, \`holidays\` json not null, \`special_work_days\` json not null, \`department_ids\` json not null, \`union_ids\` json not null, \`tags\` json not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`insert into \`rule_version__temp_alter\` select \`id\`, \`corp_id\`, \`rule_id\`, \`effective_from\`, \`timezone\`, \`work_days\`, \`on_duty_time\`, \`off_duty_time\`, \`flexible_minutes\`, \`late_grace_minutes\`, \`early_leave_grace_minutes\`, \`places\`, \`field_photo_required\`, \`wifi_bssids\`, \`holidays\`, \`special_work_days\`, \`department_ids\`, \`union_ids\`, \`tags\`, \`created_at\` from \`rule_version\`;`);
    this.addSql(`drop table \`rule_version\`;`);
    this.addSql(`alter table \`rule_version__temp_alter\` rename to \`rule_version\`;`);
    this.addSql(`create index \`rule_version_corp_id_index\` on \`rule_version\` (\`corp_id\`);`);
    this.addSql(`create unique index \`rule_version_corp_id_rule_id_effective_from_unique\` on \`rule_version\` (\`corp_id\`, \`rule_id\`, \`effective_from\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
