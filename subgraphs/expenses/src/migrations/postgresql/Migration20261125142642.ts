import { Migration } from '@mikro-orm/migrations';

export class Migration20261125142642 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "expenses";`);
    this.addSql(`create table "expenses"."claim_event" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "claim_id" varchar(36) not null, "action" varchar(16) not null, "actor" varchar(128) not null, "comment" varchar(2000) null, "version" int not null, "at" timestamptz not null, constraint "claim_event_pkey" primary key ("id"));`);
    this.addSql(`create index "claim_event_corp_id_index" on "expenses"."claim_event" ("corp_id");`);
    this.addSql(`create index "claim_event_claim_id_index" on "expenses"."claim_event" ("claim_id");`);

    this.addSql(`create table "expenses"."expense_claim" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "claimant_union_id" varchar(64) not null, "title" varchar(200) not null, "status" varchar(16) not null default 'DRAFT', "version" int not null default 1, "current_step" int null, "payment_reference" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "submitted_at" timestamptz null, constraint "expense_claim_pkey" primary key ("id"));`);
    this.addSql(`create index "expense_claim_corp_id_index" on "expenses"."expense_claim" ("corp_id");`);
    this.addSql(`create index "expense_claim_claimant_union_id_created_at_index" on "expenses"."expense_claim" ("claimant_union_id", "created_at");`);

    this.addSql(`create table "expenses"."approval_step" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "claim_id" varchar(36) not null, "position" int not null, "role" varchar(16) not null, "mode" varchar(16) not null, "status" varchar(16) not null default 'WAITING', constraint "approval_step_pkey" primary key ("id"));`);
    this.addSql(`create index "approval_step_corp_id_index" on "expenses"."approval_step" ("corp_id");`);
    this.addSql(`alter table "expenses"."approval_step" add constraint "approval_step_claim_id_position_unique" unique ("claim_id", "position");`);

    this.addSql(`create table "expenses"."expense_settings" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "categories" jsonb not null, "manager_depth" int not null default 2, "finance_mode" varchar(16) not null default 'ANY', constraint "expense_settings_pkey" primary key ("id"));`);
    this.addSql(`create index "expense_settings_corp_id_index" on "expenses"."expense_settings" ("corp_id");`);
    this.addSql(`alter table "expenses"."expense_settings" add constraint "expense_settings_corp_id_unique" unique ("corp_id");`);

    this.addSql(`create table "expenses"."line_item" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "claim_id" varchar(36) not null, "position" int not null, "category" varchar(40) not null, "amount_amount_minor" bigint not null, "amount_currency" varchar(3) not null, "incurred_on" date not null, "merchant" varchar(200) null, "note" varchar(1000) null, "invoice_id" varchar(64) null, constraint "line_item_pkey" primary key ("id"));`);
    this.addSql(`create index "line_item_corp_id_index" on "expenses"."line_item" ("corp_id");`);
    this.addSql(`create index "line_item_claim_id_index" on "expenses"."line_item" ("claim_id");`);

    this.addSql(`create table "expenses"."step_approver" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "step_id" varchar(36) not null, "claim_id" varchar(36) not null, "approver_union_id" varchar(64) not null, "decision" varchar(16) null, constraint "step_approver_pkey" primary key ("id"));`);
    this.addSql(`create index "step_approver_corp_id_index" on "expenses"."step_approver" ("corp_id");`);
    this.addSql(`create index "step_approver_step_id_index" on "expenses"."step_approver" ("step_id");`);
    this.addSql(`create index "step_approver_claim_id_index" on "expenses"."step_approver" ("claim_id");`);
    this.addSql(`create index "step_approver_approver_union_id_decision_index" on "expenses"."step_approver" ("approver_union_id", "decision");`);

    this.addSql(`alter table "expenses"."approval_step" add constraint "approval_step_claim_id_foreign" foreign key ("claim_id") references "expenses"."expense_claim" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "expenses"."line_item" add constraint "line_item_claim_id_foreign" foreign key ("claim_id") references "expenses"."expense_claim" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "expenses"."step_approver" add constraint "step_approver_step_id_foreign" foreign key ("step_id") references "expenses"."approval_step" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "expenses"."approval_step" drop constraint "approval_step_claim_id_foreign";`);

    this.addSql(`alter table "expenses"."line_item" drop constraint "line_item_claim_id_foreign";`);

    this.addSql(`alter table "expenses"."step_approver" drop constraint "step_approver_step_id_foreign";`);

    this.addSql(`drop table if exists "expenses"."claim_event" cascade;`);

    this.addSql(`drop table if exists "expenses"."expense_claim" cascade;`);

    this.addSql(`drop table if exists "expenses"."approval_step" cascade;`);

    this.addSql(`drop table if exists "expenses"."expense_settings" cascade;`);

    this.addSql(`drop table if exists "expenses"."line_item" cascade;`);

    this.addSql(`drop table if exists "expenses"."step_approver" cascade;`);

    this.addSql(`drop schema if exists "expenses";`);
  }

}
