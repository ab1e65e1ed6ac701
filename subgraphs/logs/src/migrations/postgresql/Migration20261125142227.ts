import { Migration } from '@mikro-orm/migrations';

export class Migration20261125142227 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "logs";`);
    this.addSql(`create table "logs"."work_log" ("id" uuid not null, "corp_id" varchar(64) not null, "author_union_id" varchar(40) not null, "kind" varchar(16) not null, "log_date" date null, "week" varchar(8) null, "body" text not null, "voice_media_id" varchar(64) null, "voice_duration_seconds" int null, "attachment_ids" jsonb not null, "visibility" varchar(16) not null, "reader_union_ids" jsonb not null, "created_at" timestamptz not null, "edited_at" timestamptz null, constraint "work_log_pkey" primary key ("id"));`);
    this.addSql(`create index "work_log_corp_id_index" on "logs"."work_log" ("corp_id");`);
    this.addSql(`create index "work_log_corp_id_author_union_id_created_at_id_index" on "logs"."work_log" ("corp_id", "author_union_id", "created_at", "id");`);
    this.addSql(`create index "work_log_corp_id_created_at_id_index" on "logs"."work_log" ("corp_id", "created_at", "id");`);
    this.addSql(`alter table "logs"."work_log" add constraint "work_log_corp_id_author_union_id_week_unique" unique ("corp_id", "author_union_id", "week");`);
    this.addSql(`alter table "logs"."work_log" add constraint "work_log_corp_id_author_union_id_log_date_unique" unique ("corp_id", "author_union_id", "log_date");`);

    this.addSql(`create table "logs"."work_log_audience" ("id" uuid not null, "corp_id" varchar(64) not null, "log_id" uuid not null, "key" varchar(120) not null, constraint "work_log_audience_pkey" primary key ("id"));`);
    this.addSql(`create index "work_log_audience_corp_id_index" on "logs"."work_log_audience" ("corp_id");`);
    this.addSql(`create index "work_log_audience_key_log_id_index" on "logs"."work_log_audience" ("key", "log_id");`);
    this.addSql(`alter table "logs"."work_log_audience" add constraint "work_log_audience_log_id_key_unique" unique ("log_id", "key");`);

    this.addSql(`create table "logs"."work_log_comment" ("id" uuid not null, "corp_id" varchar(64) not null, "log_id" uuid not null, "author_union_id" varchar(40) not null, "text" text not null, "created_at" timestamptz not null, constraint "work_log_comment_pkey" primary key ("id"));`);
    this.addSql(`create index "work_log_comment_corp_id_index" on "logs"."work_log_comment" ("corp_id");`);
    this.addSql(`create index "work_log_comment_log_id_created_at_id_index" on "logs"."work_log_comment" ("log_id", "created_at", "id");`);

    this.addSql(`create table "logs"."work_log_department" ("id" uuid not null, "corp_id" varchar(64) not null, "log_id" uuid not null, "department_id" varchar(100) not null, constraint "work_log_department_pkey" primary key ("id"));`);
    this.addSql(`create index "work_log_department_corp_id_index" on "logs"."work_log_department" ("corp_id");`);
    this.addSql(`create index "work_log_department_department_id_log_id_index" on "logs"."work_log_department" ("department_id", "log_id");`);
    this.addSql(`alter table "logs"."work_log_department" add constraint "work_log_department_log_id_department_id_unique" unique ("log_id", "department_id");`);

    this.addSql(`create table "logs"."work_log_read" ("id" uuid not null, "corp_id" varchar(64) not null, "log_id" uuid not null, "reader_union_id" varchar(40) not null, "read_at" timestamptz not null, constraint "work_log_read_pkey" primary key ("id"));`);
    this.addSql(`create index "work_log_read_corp_id_index" on "logs"."work_log_read" ("corp_id");`);
    this.addSql(`create index "work_log_read_reader_union_id_log_id_index" on "logs"."work_log_read" ("reader_union_id", "log_id");`);
    this.addSql(`alter table "logs"."work_log_read" add constraint "work_log_read_log_id_reader_union_id_unique" unique ("log_id", "reader_union_id");`);

    this.addSql(`alter table "logs"."work_log_audience" add constraint "work_log_audience_log_id_foreign" foreign key ("log_id") references "logs"."work_log" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "logs"."work_log_comment" add constraint "work_log_comment_log_id_foreign" foreign key ("log_id") references "logs"."work_log" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "logs"."work_log_department" add constraint "work_log_department_log_id_foreign" foreign key ("log_id") references "logs"."work_log" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "logs"."work_log_read" add constraint "work_log_read_log_id_foreign" foreign key ("log_id") references "logs"."work_log" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "logs"."work_log_audience" drop constraint "work_log_audience_log_id_foreign";`);

    this.addSql(`alter table "logs"."work_log_comment" drop constraint "work_log_comment_log_id_foreign";`);

    this.addSql(`alter table "logs"."work_log_department" drop constraint "work_log_department_log_id_foreign";`);

    this.addSql(`alter table "logs"."work_log_read" drop constraint "work_log_read_log_id_foreign";`);

    this.addSql(`drop table if exists "logs"."work_log" cascade;`);

    this.addSql(`drop table if exists "logs"."work_log_audience" cascade;`);

    this.addSql(`drop table if exists "logs"."work_log_comment" cascade;`);

    this.addSql(`drop table if exists "logs"."work_log_department" cascade;`);

    this.addSql(`drop table if exists "logs"."work_log_read" cascade;`);

    this.addSql(`drop schema if exists "logs";`);
  }

}
