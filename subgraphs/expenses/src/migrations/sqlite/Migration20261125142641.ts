import { Migration } from '@mikro-orm/migrations';

export class Migration20261125142641 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`claim_event\` (\`id\` text not null, \`corp_id\` text not null, \`claim_id\` text not null, \`action\` text not null, \`actor\` text not null, \`comment\` text null, \`version\` integer not null, \`at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`claim_event_corp_id_index\` on \`claim_event\` (\`corp_id\`);`);
    this.addSql(`create index \`claim_event_claim_id_index\` on \`claim_event\` (\`claim_id\`);`);

    this.addSql(`create table \`expense_claim\` (\`id\` text not null, \`corp_id\` text not null, \`claimant_union_id\` text not null, \`title\` text not null, \`status\` text not null default 'DRAFT', \`version\` integer not null default 1, \`current_step\` integer null, \`payment_reference\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`submitted_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`expense_claim_corp_id_index\` on \`expense_claim\` (\`corp_id\`);`);
    this.addSql(`create index \`expense_claim_claimant_union_id_created_at_index\` on \`expense_claim\` (\`claimant_union_id\`, \`created_at\`);`);

    this.addSql(`create table \`approval_step\` (\`id\` text not null, \`corp_id\` text not null, \`claim_id\` text not null, \`position\` integer not null, \`role\` text not null, \`mode\` text not null, \`status\` text not null default 'WAITING', constraint \`approval_step_claim_id_foreign\` foreign key(\`claim_id\`) references \`expense_claim\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`approval_step_corp_id_index\` on \`approval_step\` (\`corp_id\`);`);
    this.addSql(`create index \`approval_step_claim_id_index\` on \`approval_step\` (\`claim_id\`);`);
    this.addSql(`create unique index \`approval_step_claim_id_position_unique\` on \`approval_step\` (\`claim_id\`, \`position\`);`);

    this.addSql(`create table \`expense_settings\` (\`id\` text not null, \`corp_id\` text not null, \`categories\` json not null, \`manager_depth\` integer not null default 2, \`finance_mode\` text not null default 'ANY', primary key (\`id\`));`);
    this.addSql(`create index \`expense_settings_corp_id_index\` on \`expense_settings\` (\`corp_id\`);`);
    this.addSql(`create unique index \`expense_settings_corp_id_unique\` on \`expense_settings\` (\`corp_id\`);`);

    this.addSql(`create table \`line_item\` (\`id\` text not null, \`corp_id\` text not null, \`claim_id\` text not null, \`position\` integer not null, \`category\` text not null, \`amount_amount_minor\` bigint not null, \`amount_currency\` text not null, \`incurred_on\` date not null, \`merchant\` text null, \`note\` text null, \`invoice_id\` text null, constraint \`line_item_claim_id_foreign\` foreign key(\`claim_id\`) references \`expense_claim\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`line_item_corp_id_index\` on \`line_item\` (\`corp_id\`);`);
    this.addSql(`create index \`line_item_claim_id_index\` on \`line_item\` (\`claim_id\`);`);

    this.addSql(`create table \`step_approver\` (\`id\` text not null, \`corp_id\` text not null, \`step_id\` text not null, \`claim_id\` text not null, \`approver_union_id\` text not null, \`decision\` text null, constraint \`step_approver_step_id_foreign\` foreign key(\`step_id\`) references \`approval_step\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`step_approver_corp_id_index\` on \`step_approver\` (\`corp_id\`);`);
    this.addSql(`create index \`step_approver_step_id_index\` on \`step_approver\` (\`step_id\`);`);
    this.addSql(`create index \`step_approver_claim_id_index\` on \`step_approver\` (\`claim_id\`);`);
    this.addSql(`create index \`step_approver_approver_union_id_decision_index\` on \`step_approver\` (\`approver_union_id\`, \`decision\`);`);
  }

}
