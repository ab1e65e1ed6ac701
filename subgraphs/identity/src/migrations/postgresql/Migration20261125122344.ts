import { Migration } from '@mikro-orm/migrations';

export class Migration20261125122344 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "identity";`);
    this.addSql(`create table "identity"."app" ("app_id" varchar(40) not null, "name" varchar(100) not null, "vendor" varchar(100) not null, "description" varchar(500) null, "secret_hash" varchar(200) not null, "created_at" timestamptz not null, constraint "app_pkey" primary key ("app_id"));`);

    this.addSql(`create table "identity"."corp" ("id" varchar(64) not null, "name" varchar(200) not null, "timezone" varchar(64) not null, "created_at" timestamptz not null, constraint "corp_pkey" primary key ("id"));`);

    this.addSql(`create table "identity"."installation" ("id" uuid not null, "corp_id" varchar(64) not null, "app_id" varchar(40) not null, "status" text check ("status" in ('INSTALLED', 'UNINSTALLED')) not null default 'INSTALLED', "installed_at" timestamptz not null, "uninstalled_at" timestamptz null, constraint "installation_pkey" primary key ("id"));`);
    this.addSql(`create index "installation_corp_id_index" on "identity"."installation" ("corp_id");`);
    this.addSql(`alter table "identity"."installation" add constraint "installation_corp_id_app_id_unique" unique ("corp_id", "app_id");`);

    this.addSql(`create table "identity"."person" ("union_id" varchar(40) not null, "corp_id" varchar(64) not null, "display_name" varchar(100) not null, "email" varchar(254) null, "created_at" timestamptz not null, constraint "person_pkey" primary key ("union_id"));`);
    this.addSql(`create index "person_corp_id_index" on "identity"."person" ("corp_id");`);
    this.addSql(`alter table "identity"."person" add constraint "person_corp_id_email_unique" unique ("corp_id", "email");`);

    this.addSql(`create table "identity"."open_id" ("open_id" varchar(40) not null, "corp_id" varchar(64) not null, "app_id" varchar(40) not null, "union_id" varchar(40) not null, "created_at" timestamptz not null, constraint "open_id_pkey" primary key ("open_id"));`);
    this.addSql(`create index "open_id_corp_id_index" on "identity"."open_id" ("corp_id");`);
    this.addSql(`alter table "identity"."open_id" add constraint "open_id_app_id_union_id_unique" unique ("app_id", "union_id");`);

    this.addSql(`alter table "identity"."installation" add constraint "installation_app_id_foreign" foreign key ("app_id") references "identity"."app" ("app_id") on update cascade;`);

    this.addSql(`alter table "identity"."open_id" add constraint "open_id_app_id_foreign" foreign key ("app_id") references "identity"."app" ("app_id") on update cascade;`);
    this.addSql(`alter table "identity"."open_id" add constraint "open_id_union_id_foreign" foreign key ("union_id") references "identity"."person" ("union_id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."installation" drop constraint "installation_app_id_foreign";`);

    this.addSql(`alter table "identity"."open_id" drop constraint "open_id_app_id_foreign";`);

    this.addSql(`alter table "identity"."open_id" drop constraint "open_id_union_id_foreign";`);

    this.addSql(`drop table if exists "identity"."app" cascade;`);

    this.addSql(`drop table if exists "identity"."corp" cascade;`);

    this.addSql(`drop table if exists "identity"."installation" cascade;`);

    this.addSql(`drop table if exists "identity"."person" cascade;`);

    this.addSql(`drop table if exists "identity"."open_id" cascade;`);

    this.addSql(`drop schema if exists "identity";`);
  }

}
