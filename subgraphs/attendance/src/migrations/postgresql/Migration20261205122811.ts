import { Migration } from '@mikro-orm/migrations';

export class Migration20261205122811 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "attendance"."leave_balance" ("id" uuid not null, "corp_id" varchar(64) not null, "union_id" varchar(40) not null, "type" varchar(16) not null, "year" int not null, "used_half_days" int not null default 0, "pending_half_days" int not null default 0, "version" int not null default 1, constraint "leave_balance_pkey" primary key ("id"));`);
    this.addSql(`create index "leave_balance_corp_id_index" on "attendance"."leave_balance" ("corp_id");`);
    this.addSql(`alter table "attendance"."leave_balance" add constraint "leave_balance_corp_id_union_id_type_year_unique" unique ("corp_id", "union_id", "type", "year");`);

    this.addSql(`create table "attendance"."leave_policy" ("id" uuid not null, "corp_id" varchar(64) not null, "type" varchar(16) not null, "half_days_per_year" int not null, "accrual" text check ("accrual" in ('MONTHLY', 'YEARLY')) not null, constraint "leave_policy_pkey" primary key ("id"));`);
    this.addSql(`create index "leave_policy_corp_id_index" on "attendance"."leave_policy" ("corp_id");`);
    this.addSql(`alter table "attendance"."leave_policy" add constraint "leave_policy_corp_id_type_unique" unique ("corp_id", "type");`);

    this.addSql(`create table "attendance"."leave_request" ("id" uuid not null, "corp_id" varchar(64) not null, "union_id" varchar(40) not null, "type" varchar(16) not null, "start_date" varchar(10) not null, "start_half" text check ("start_half" in ('MORNING', 'AFTERNOON')) not null, "end_date" varchar(10) not null, "end_half" text check ("end_half" in ('MORNING', 'AFTERNOON')) not null, "half_days" int not null, "reason" varchar(500) not null, "status" varchar(16) not null, "approval_id" varchar(64) null, "idempotency_key" varchar(100) null, "created_at" timestamptz not null, "decided_at" timestamptz null, constraint "leave_request_pkey" primary key ("id"));`);
    this.addSql(`create index "leave_request_corp_id_index" on "attendance"."leave_request" ("corp_id");`);
    this.addSql(`create index "leave_request_status_approval_id_index" on "attendance"."leave_request" ("status", "approval_id");`);
    this.addSql(`create index "leave_request_corp_id_union_id_start_date_index" on "attendance"."leave_request" ("corp_id", "union_id", "start_date");`);
    this.addSql(`alter table "attendance"."leave_request" add constraint "leave_request_corp_id_union_id_idempotency_key_unique" unique ("corp_id", "union_id", "idempotency_key");`);

    this.addSql(`create table "attendance"."make_up_request" ("id" uuid not null, "corp_id" varchar(64) not null, "union_id" varchar(40) not null, "date" varchar(10) not null, "type" varchar(16) not null, "reason" varchar(500) not null, "status" varchar(16) not null default 'PENDING', "slot_key" varchar(32) null, "rule_version_id" uuid not null, "approval_id" varchar(64) null, "check_in_id" uuid null, "created_at" timestamptz not null, "decided_at" timestamptz null, constraint "make_up_request_pkey" primary key ("id"));`);
    this.addSql(`create index "make_up_request_corp_id_index" on "attendance"."make_up_request" ("corp_id");`);
    this.addSql(`create index "make_up_request_status_approval_id_index" on "attendance"."make_up_request" ("status", "approval_id");`);
    this.addSql(`create index "make_up_request_corp_id_union_id_date_index" on "attendance"."make_up_request" ("corp_id", "union_id", "date");`);
    this.addSql(`alter table "attendance"."make_up_request" add constraint "make_up_request_corp_id_union_id_slot_key_unique" unique ("corp_id", "union_id", "slot_key");`);

    this.addSql(`alter table "attendance"."check_in" add column "make_up_request_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attendance"."leave_balance" cascade;`);

    this.addSql(`drop table if exists "attendance"."leave_policy" cascade;`);

    this.addSql(`drop table if exists "attendance"."leave_request" cascade;`);

    this.addSql(`drop table if exists "attendance"."make_up_request" cascade;`);

    this.addSql(`alter table "attendance"."check_in" drop column "make_up_request_id";`);
  }

}
