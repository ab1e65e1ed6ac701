import { Migration } from '@mikro-orm/migrations';

export class Migration20261205071148 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "approvals";`);
    this.addSql(`create table "approvals"."approval_event" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "request_id" varchar(36) not null, "action" varchar(16) not null, "actor" varchar(128) not null, "comment" varchar(2000) null, "transferred_to" varchar(64) null, "version" int not null, "at" timestamptz not null, constraint "approval_event_pkey" primary key ("id"));`);
    this.addSql(`create index "approval_event_corp_id_index" on "approvals"."approval_event" ("corp_id");`);
    this.addSql(`create index "approval_event_request_id_index" on "approvals"."approval_event" ("request_id");`);

    this.addSql(`create table "approvals"."approval_request" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "app_id" varchar(40) not null, "subject_type" varchar(100) not null, "subject_id" varchar(200) not null, "requester_union_id" varchar(64) not null, "title" varchar(200) not null, "summary" varchar(2000) null, "amount_minor" bigint null, "currency" varchar(3) null, "status" varchar(16) not null default 'PENDING', "version" int not null default 1, "current_step" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "decided_at" timestamptz null, constraint "approval_request_pkey" primary key ("id"));`);
    this.addSql(`create index "approval_request_corp_id_index" on "approvals"."approval_request" ("corp_id");`);
    this.addSql(`create index "approval_request_requester_union_id_created_at_index" on "approvals"."approval_request" ("requester_union_id", "created_at");`);
    this.addSql(`create index "approval_request_app_id_subject_type_subject_id_index" on "approvals"."approval_request" ("app_id", "subject_type", "subject_id");`);

    this.addSql(`create table "approvals"."approval_step" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "request_id" varchar(36) not null, "position" int not null, "kind" varchar(16) not null, "label" varchar(200) not null, "quorum" varchar(8) not null, "status" varchar(16) not null default 'WAITING', constraint "approval_step_pkey" primary key ("id"));`);
    this.addSql(`create index "approval_step_corp_id_index" on "approvals"."approval_step" ("corp_id");`);
    this.addSql(`create index "approval_step_request_id_position_index" on "approvals"."approval_step" ("request_id", "position");`);

    this.addSql(`create table "approvals"."approval_approver" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "step_id" varchar(36) not null, "request_id" varchar(36) not null, "approver_union_id" varchar(64) not null, "active" boolean not null default false, "decision" varchar(16) null, "decided_at" timestamptz null, constraint "approval_approver_pkey" primary key ("id"));`);
    this.addSql(`create index "approval_approver_corp_id_index" on "approvals"."approval_approver" ("corp_id");`);
    this.addSql(`create index "approval_approver_step_id_index" on "approvals"."approval_approver" ("step_id");`);
    this.addSql(`create index "approval_approver_request_id_index" on "approvals"."approval_approver" ("request_id");`);
    this.addSql(`create index "approval_approver_approver_union_id_active_index" on "approvals"."approval_approver" ("approver_union_id", "active");`);

    this.addSql(`create table "approvals"."outbox_event" ("id" uuid not null, "corp_id" varchar(64) not null, "type" varchar(60) not null, "data" jsonb not null, "occurred_at" timestamptz not null, "relayed_at" timestamptz null, "actor" varchar(200) null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_corp_id_index" on "approvals"."outbox_event" ("corp_id");`);
    this.addSql(`create index "outbox_event_relayed_at_occurred_at_index" on "approvals"."outbox_event" ("relayed_at", "occurred_at");`);

    this.addSql(`create table "approvals"."outbox_message" ("id" uuid not null, "corp_id" varchar(64) not null, "message" jsonb not null, "request_id" varchar(64) null, "created_at" timestamptz not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "sent_at" timestamptz null, "failed_at" timestamptz null, "last_error" varchar(500) null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_message_corp_id_index" on "approvals"."outbox_message" ("corp_id");`);
    this.addSql(`create index "outbox_message_sent_at_failed_at_next_attempt_at_index" on "approvals"."outbox_message" ("sent_at", "failed_at", "next_attempt_at");`);

    this.addSql(`alter table "approvals"."approval_step" add constraint "approval_step_request_id_foreign" foreign key ("request_id") references "approvals"."approval_request" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "approvals"."approval_approver" add constraint "approval_approver_step_id_foreign" foreign key ("step_id") references "approvals"."approval_step" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "approvals"."approval_approver" add constraint "approval_approver_request_id_foreign" foreign key ("request_id") references "approvals"."approval_request" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "approvals"."approval_step" drop constraint "approval_step_request_id_foreign";`);

    this.addSql(`alter table "approvals"."approval_approver" drop constraint "approval_approver_request_id_foreign";`);

    this.addSql(`alter table "approvals"."approval_approver" drop constraint "approval_approver_step_id_foreign";`);

    this.addSql(`drop table if exists "approvals"."approval_event" cascade;`);

    this.addSql(`drop table if exists "approvals"."approval_request" cascade;`);

    this.addSql(`drop table if exists "approvals"."approval_step" cascade;`);

    this.addSql(`drop table if exists "approvals"."approval_approver" cascade;`);

    this.addSql(`drop table if exists "approvals"."outbox_event" cascade;`);

    this.addSql(`drop table if exists "approvals"."outbox_message" cascade;`);

    this.addSql(`drop schema if exists "approvals";`);
  }

}
