import { Migration } from '@mikro-orm/migrations';

export class Migration20261205120948 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "expenses"."step_approver" drop constraint "step_approver_step_id_foreign";`);

    this.addSql(`alter table "expenses"."approval_step" drop constraint "approval_step_claim_id_foreign";`);

    this.addSql(`alter table "expenses"."line_item" drop constraint "line_item_claim_id_foreign";`);

    this.addSql(`drop table if exists "expenses"."approval_step" cascade;`);

    this.addSql(`drop table if exists "expenses"."claim_event" cascade;`);

    this.addSql(`drop table if exists "expenses"."expense_claim" cascade;`);

    this.addSql(`drop table if exists "expenses"."expense_settings" cascade;`);

    this.addSql(`drop table if exists "expenses"."line_item" cascade;`);

    this.addSql(`drop table if exists "expenses"."mikro_orm_migrations" cascade;`);

    this.addSql(`drop table if exists "expenses"."outbox_message" cascade;`);

    this.addSql(`drop table if exists "expenses"."step_approver" cascade;`);

    this.addSql(`alter table "approvals"."approval_request" add column "link" varchar(300) null;`);

    this.addSql(`drop schema if exists "expenses";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create schema if not exists "expenses";`);
    this.addSql(`create table "expenses"."approval_step" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "claim_id" varchar(36) not null, "position" int4 not null, "role" varchar(16) not null, "mode" varchar(16) not null, "status" varchar(16) not null default 'WAITING', constraint "approval_step_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX approval_step_claim_id_position_unique ON expenses.approval_step USING btree (claim_id, "position");`);
    this.addSql(`create index "approval_step_corp_id_index" on "expenses"."approval_step" ("corp_id");`);

    this.addSql(`create table "expenses"."claim_event" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "claim_id" varchar(36) not null, "action" varchar(16) not null, "actor" varchar(128) not null, "comment" varchar(2000) null, "version" int4 not null, "at" timestamptz(6) not null, constraint "claim_event_pkey" primary key ("id"));`);
    this.addSql(`create index "claim_event_claim_id_index" on "expenses"."claim_event" ("claim_id");`);
    this.addSql(`create index "claim_event_corp_id_index" on "expenses"."claim_event" ("corp_id");`);

    this.addSql(`create table "expenses"."expense_claim" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "claimant_union_id" varchar(64) not null, "title" varchar(200) not null, "status" varchar(16) not null default 'DRAFT', "version" int4 not null default 1, "current_step" int4 null, "payment_reference" varchar(200) null, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, "submitted_at" timestamptz(6) null, constraint "expense_claim_pkey" primary key ("id"));`);
    this.addSql(`create index "expense_claim_claimant_union_id_created_at_index" on "expenses"."expense_claim" ("claimant_union_id", "created_at");`);
    this.addSql(`create index "expense_claim_corp_id_index" on "expenses"."expense_claim" ("corp_id");`);

    this.addSql(`create table "expenses"."expense_settings" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "categories" jsonb not null, "manager_depth" int4 not null default 2, "finance_mode" varchar(16) not null default 'ANY', "approval_limits" jsonb not null, constraint "expense_settings_pkey" primary key ("id"));`);
    this.addSql(`create index "expense_settings_corp_id_index" on "expenses"."expense_settings" ("corp_id");`);
    this.addSql(`alter table "expenses"."expense_settings" add constraint "expense_settings_corp_id_unique" unique ("corp_id");`);

    this.addSql(`create table "expenses"."line_item" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "claim_id" varchar(36) not null, "position" int4 not null, "category" varchar(40) not null, "amount_amount_minor" int8 not null, "amount_currency" varchar(3) not null, "incurred_on" date not null, "merchant" varchar(200) null, "note" varchar(1000) null, "invoice_id" varchar(64) null, constraint "line_item_pkey" primary key ("id"));`);
    this.addSql(`create index "line_item_claim_id_index" on "expenses"."line_item" ("claim_id");`);
    this.addSql(`create index "line_item_corp_id_index" on "expenses"."line_item" ("corp_id");`);

    this.addSql(`create table "expenses"."mikro_orm_migrations" ("id" serial primary key, "name" varchar(255) null, "executed_at" timestamptz(6) null default CURRENT_TIMESTAMP);`);

    this.addSql(`create table "expenses"."outbox_message" ("id" uuid not null, "corp_id" varchar(64) not null, "message" jsonb not null, "request_id" varchar(64) null, "created_at" timestamptz(6) not null, "attempts" int4 not null default 0, "next_attempt_at" timestamptz(6) not null, "sent_at" timestamptz(6) null, "failed_at" timestamptz(6) null, "last_error" varchar(500) null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_message_corp_id_index" on "expenses"."outbox_message" ("corp_id");`);
    this.addSql(`create index "outbox_message_sent_at_failed_at_next_attempt_at_index" on "expenses"."outbox_message" ("sent_at", "failed_at", "next_attempt_at");`);

    this.addSql(`create table "expenses"."step_approver" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "step_id" varchar(36) not null, "claim_id" varchar(36) not null, "approver_union_id" varchar(64) not null, "decision" varchar(16) null, constraint "step_approver_pkey" primary key ("id"));`);
    this.addSql(`create index "step_approver_approver_union_id_decision_index" on "expenses"."step_approver" ("approver_union_id", "decision");`);
    this.addSql(`create index "step_approver_claim_id_index" on "expenses"."step_approver" ("claim_id");`);
    this.addSql(`create index "step_approver_corp_id_index" on "expenses"."step_approver" ("corp_id");`);
    this.addSql(`create index "step_approver_step_id_index" on "expenses"."step_approver" ("step_id");`);

    this.addSql(`alter table "expenses"."approval_step" add constraint "approval_step_claim_id_foreign" foreign key ("claim_id") references "expenses"."expense_claim" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "expenses"."line_item" add constraint "line_item_claim_id_foreign" foreign key ("claim_id") references "expenses"."expense_claim" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "expenses"."step_approver" add constraint "step_approver_step_id_foreign" foreign key ("step_id") references "expenses"."approval_step" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "approvals"."approval_request" drop column "link";`);
  }

}
