import { Migration } from '@mikro-orm/migrations';

export class Migration20261205122811 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`leave_balance\` (\`id\` text not null, \`corp_id\` text not null, \`union_id\` text not null, \`type\` text not null, \`year\` integer not null, \`used_half_days\` integer not null default 0, \`pending_half_days\` integer not null default 0, \`version\` integer not null default 1, primary key (\`id\`));`);
    this.addSql(`create index \`leave_balance_corp_id_index\` on \`leave_balance\` (\`corp_id\`);`);
    this.addSql(`create unique index \`leave_balance_corp_id_union_id_type_year_unique\` on \`leave_balance\` (\`corp_id\`, \`union_id\`, \`type\`, \`year\`);`);

    this.addSql(`create table \`leave_policy\` (\`id\` text not null, \`corp_id\` text not null, \`type\` text not null, \`half_days_per_year\` integer not null, \`accrual\` text check (\`accrual\` in ('MONTHLY', 'YEARLY')) not null, primary key (\`id\`));`);
    this.addSql(`create index \`leave_policy_corp_id_index\` on \`leave_policy\` (\`corp_id\`);`);
    this.addSql(`create unique index \`leave_policy_corp_id_type_unique\` on \`leave_policy\` (\`corp_id\`, \`type\`);`);

    this.addSql(`create table \`leave_request\` (\`id\` text not null, \`corp_id\` text not null, \`union_id\` text not null, \`type\` text not null, \`start_date\` text not null, \`start_half\` text check (\`start_half\` in ('MORNING', 'AFTERNOON')) not null, \`end_date\` text not null, \`end_half\` text check (\`end_half\` in ('MORNING', 'AFTERNOON')) not null, \`half_days\` integer not null, \`reason\` text not null, \`status\` text not null, \`approval_id\` text null, \`idempotency_key\` text null, \`created_at\` datetime not null, \`decided_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`leave_request_corp_id_index\` on \`leave_request\` (\`corp_id\`);`);
    this.addSql(`create index \`leave_request_status_approval_id_index\` on \`leave_request\` (\`status\`, \`approval_id\`);`);
    this.addSql(`create index \`leave_request_corp_id_union_id_start_date_index\` on \`leave_request\` (\`corp_id\`, \`union_id\`, \`start_date\`);`);
    this.addSql(`create unique index \`leave_request_corp_id_union_id_idempotency_key_unique\` on \`leave_request\` (\`corp_id\`, \`union_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`make_up_request\` (\`id\` text not null, \`corp_id\` text not null, \`union_id\` text not null, \`date\` text not null, \`type\` text not null, \`reason\` text not null, \`status\` text not null default 'PENDING', \`slot_key\` text null, \`rule_version_id\` text not null, \`approval_id\` text null, \`check_in_id\` text null, \`created_at\` datetime not null, \`decided_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`make_up_request_corp_id_index\` on \`make_up_request\` (\`corp_id\`);`);
    this.addSql(`create index \`make_up_request_status_approval_id_index\` on \`make_up_request\` (\`status\`, \`approval_id\`);`);
    this.addSql(`create index \`make_up_request_corp_id_union_id_date_index\` on \`make_up_request\` (\`corp_id\`, \`union_id\`, \`date\`);`);
    this.addSql(`create unique index \`make_up_request_corp_id_union_id_slot_key_unique\` on \`make_up_request\` (\`corp_id\`, \`union_id\`, \`slot_key\`);`);

    this.addSql(`alter table \`check_in\` add column \`make_up_request_id\` text null;`);
  }

}
