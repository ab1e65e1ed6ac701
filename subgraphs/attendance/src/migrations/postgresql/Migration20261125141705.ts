import { Migration } from '@mikro-orm/migrations';

export class Migration20261125141705 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "attendance";`);
    this.addSql(`create table "attendance"."check_in" ("id" uuid not null, "corp_id" varchar(64) not null, "union_id" varchar(40) not null, "type" varchar(16) not null, "checked_at" timestamptz not null, "local_date" varchar(10) not null, "latitude" double precision null, "longitude" double precision null, "accuracy_meters" double precision null, "wifi_ssid" varchar(64) null, "wifi_bssid" varchar(17) null, "photo_id" varchar(64) null, "note" varchar(500) null, "idempotency_key" varchar(100) null, "rule_id" uuid null, "rule_version_id" uuid null, "place_name" varchar(100) null, "distance_meters" double precision null, "late" boolean not null, "early_leave" boolean not null, "out_of_range" boolean not null, constraint "check_in_pkey" primary key ("id"));`);
    this.addSql(`create index "check_in_corp_id_index" on "attendance"."check_in" ("corp_id");`);
    this.addSql(`create index "check_in_corp_id_local_date_union_id_index" on "attendance"."check_in" ("corp_id", "local_date", "union_id");`);
    this.addSql(`create index "check_in_corp_id_union_id_local_date_checked_at_index" on "attendance"."check_in" ("corp_id", "union_id", "local_date", "checked_at");`);
    this.addSql(`alter table "attendance"."check_in" add constraint "check_in_corp_id_union_id_idempotency_key_unique" unique ("corp_id", "union_id", "idempotency_key");`);

    this.addSql(`create table "attendance"."check_in_rule" ("id" uuid not null, "corp_id" varchar(64) not null, "name" varchar(100) not null, "status" text check ("status" in ('ACTIVE', 'RETIRED')) not null default 'ACTIVE', "retired_from" varchar(10) null, "department_ids" jsonb not null, "union_ids" jsonb not null, "tags" jsonb not null, "created_at" timestamptz not null, constraint "check_in_rule_pkey" primary key ("id"));`);
    this.addSql(`create index "check_in_rule_corp_id_index" on "attendance"."check_in_rule" ("corp_id");`);
    this.addSql(`create index "check_in_rule_corp_id_status_index" on "attendance"."check_in_rule" ("corp_id", "status");`);

    this.addSql(`create table "attendance"."rule_version" ("id" uuid not null, "corp_id" varchar(64) not null, "rule_id" uuid not null, "effective_from" varchar(10) not null, "timezone" varchar(64) not null, "work_days" jsonb not null, "on_duty_time" varchar(5) not null, "off_duty_time" varchar(5) not null, "flexible_minutes" int not null, "late_grace_minutes" int not null, "early_leave_grace_minutes" int not null, "places" jsonb not null, "field_photo_required" boolean not null, "wifi_bssids" jsonb not null, "holidays" jsonb not null, "special_work_days" jsonb not null, "created_at" timestamptz not null, constraint "rule_version_pkey" primary key ("id"));`);
    this.addSql(`create index "rule_version_corp_id_index" on "attendance"."rule_version" ("corp_id");`);
    this.addSql(`alter table "attendance"."rule_version" add constraint "rule_version_corp_id_rule_id_effective_from_unique" unique ("corp_id", "rule_id", "effective_from");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attendance"."check_in" cascade;`);

    this.addSql(`drop table if exists "attendance"."check_in_rule" cascade;`);

    this.addSql(`drop table if exists "attendance"."rule_version" cascade;`);

    this.addSql(`drop schema if exists "attendance";`);
  }

}
