import { Migration } from '@mikro-orm/migrations';

export class Migration20261205071148 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`approval_event\` (\`id\` text not null, \`corp_id\` text not null, \`request_id\` text not null, \`action\` text not null, \`actor\` text not null, \`comment\` text null, \`transferred_to\` text null, \`version\` integer not null, \`at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`approval_event_corp_id_index\` on \`approval_event\` (\`corp_id\`);`);
    this.addSql(`create index \`approval_event_request_id_index\` on \`approval_event\` (\`request_id\`);`);

    this.addSql(`create table \`approval_request\` (\`id\` text not null, \`corp_id\` text not null, \`app_id\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`requester_union_id\` text not null, \`title\` text not null, \`summary\` text null, \`amount_minor\` bigint null, \`currency\` text null, \`status\` text not null default 'PENDING', \`version\` integer not null default 1, \`current_step\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`decided_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`approval_request_corp_id_index\` on \`approval_request\` (\`corp_id\`);`);
    this.addSql(`create index \`approval_request_requester_union_id_created_at_index\` on \`approval_request\` (\`requester_union_id\`, \`created_at\`);`);
    this.addSql(`create index \`approval_request_app_id_subject_type_subject_id_index\` on \`approval_request\` (\`app_id\`, \`subject_type\`, \`subject_id\`);`);

    this.addSql(`create table \`approval_step\` (\`id\` text not null, \`corp_id\` text not null, \`request_id\` text not null, \`position\` integer not null, \`kind\` text not null, \`label\` text not null, \`quorum\` text not null, \`status\` text not null default 'WAITING', constraint \`approval_step_request_id_foreign\` foreign key(\`request_id\`) references \`approval_request\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`approval_step_corp_id_index\` on \`approval_step\` (\`corp_id\`);`);
    this.addSql(`create index \`approval_step_request_id_index\` on \`approval_step\` (\`request_id\`);`);
    this.addSql(`create index \`approval_step_request_id_position_index\` on \`approval_step\` (\`request_id\`, \`position\`);`);

    this.addSql(`create table \`approval_approver\` (\`id\` text not null, \`corp_id\` text not null, \`step_id\` text not null, \`request_id\` text not null, \`approver_union_id\` text not null, \`active\` integer not null default false, \`decision\` text null, \`decided_at\` datetime null, constraint \`approval_approver_step_id_foreign\` foreign key(\`step_id\`) references \`approval_step\`(\`id\`) on delete cascade on update cascade, constraint \`approval_approver_request_id_foreign\` foreign key(\`request_id\`) references \`approval_request\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`approval_approver_corp_id_index\` on \`approval_approver\` (\`corp_id\`);`);
    this.addSql(`create index \`approval_approver_step_id_index\` on \`approval_approver\` (\`step_id\`);`);
    this.addSql(`create index \`approval_approver_request_id_index\` on \`approval_approver\` (\`request_id\`);`);
    this.addSql(`create index \`approval_approver_approver_union_id_active_index\` on \`approval_approver\` (\`approver_union_id\`, \`active\`);`);

    this.addSql(`create table \`outbox_event\` (\`id\` text not null, \`corp_id\` text not null, \`type\` text not null, \`data\` json not null, \`occurred_at\` datetime not null, \`relayed_at\` datetime null, \`actor\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_event_corp_id_index\` on \`outbox_event\` (\`corp_id\`);`);
    this.addSql(`create index \`outbox_event_relayed_at_occurred_at_index\` on \`outbox_event\` (\`relayed_at\`, \`occurred_at\`);`);

    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`corp_id\` text not null, \`message\` json not null, \`request_id\` text null, \`created_at\` datetime not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`sent_at\` datetime null, \`failed_at\` datetime null, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_message_corp_id_index\` on \`outbox_message\` (\`corp_id\`);`);
    this.addSql(`create index \`outbox_message_sent_at_failed_at_next_attempt_at_index\` on \`outbox_message\` (\`sent_at\`, \`failed_at\`, \`next_attempt_at\`);`);
  }

}
