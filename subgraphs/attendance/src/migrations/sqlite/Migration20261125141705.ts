import { Migration } from '@mikro-orm/migrations';

export class Migration20261125141705 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`check_in\` (\`id\` text not null, \`corp_id\` text not null, \`union_id\` text not null, \`type\` text not null, \`checked_at\` datetime not null, \`local_date\` text not null, \`latitude\` double null, \`longitude\` double null, \`accuracy_meters\` double null, \`wifi_ssid\` text null, \`wifi_bssid\` text null, \`photo_id\` text null, \`note\` text null, \`idempotency_key\` text null, \`rule_id\` text null, \`rule_version_id\` text null, \`place_name\` text null, \`distance_meters\` double null, \`late\` integer not null, \`early_leave\` integer not null, \`out_of_range\` integer not null, primary key (\`id\`));`);
    this.addSql(`create index \`check_in_corp_id_index\` on \`check_in\` (\`corp_id\`);`);
    this.addSql(`create index \`check_in_corp_id_local_date_union_id_index\` on \`check_in\` (\`corp_id\`, \`local_date\`, \`union_id\`);`);
    this.addSql(`create index \`check_in_corp_id_union_id_local_date_checked_at_index\` on \`check_in\` (\`corp_id\`, \`union_id\`, \`local_date\`, \`checked_at\`);`);
    this.addSql(`create unique index \`check_in_corp_id_union_id_idempotency_key_unique\` on \`check_in\` (\`corp_id\`, \`union_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`check_in_rule\` (\`id\` text not null, \`corp_id\` text not null, \`name\` text not null, \`status\` text check (\`status\` in ('ACTIVE', 'RETIRED')) not null default 'ACTIVE', \`retired_from\` text null, \`department_ids\` json not null, \`union_ids\` json not null, \`tags\` json not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`check_in_rule_corp_id_index\` on \`check_in_rule\` (\`corp_id\`);`);
    this.addSql(`create index \`check_in_rule_corp_id_status_index\` on \`check_in_rule\` (\`corp_id\`, \`status\`);`);

    this.addSql(`create table \`rule_version\` (\`id\` text not null, \`corp_id\` text not null, \`rule_id\` text not null, \`effective_from\` text not null, \`timezone\` text not null, \`work_days\` json not null, \`on_duty_time\` text not null, \`off_duty_time\` text not null, \`flexible_minutes\` integer not null, \`late_grace_minutes\` integer not null, \`early_leave_grace_minutes\` integer not null, \`places\` json not null, \`field_photo_required\` integer not null, \`wifi_bssids\` json not null, \`holidays\` json not null, \`special_work_days\` json not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`rule_version_corp_id_index\` on \`rule_version\` (\`corp_id\`);`);
    this.addSql(`create unique index \`rule_version_corp_id_rule_id_effective_from_unique\` on \`rule_version\` (\`corp_id\`, \`rule_id\`, \`effective_from\`);`);
  }

}
