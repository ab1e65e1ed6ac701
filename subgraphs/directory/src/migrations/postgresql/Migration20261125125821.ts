import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125821 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "directory";`);
    this.addSql(`create table "directory"."department" ("key" uuid not null, "corp_id" varchar(64) not null, "id" varchar(64) not null, "name" varchar(200) not null, "parent_key" uuid null, "order" int not null default 0, "depth" int not null default 0, "created_at" timestamptz not null, constraint "department_pkey" primary key ("key"));`);
    this.addSql(`create index "department_corp_id_index" on "directory"."department" ("corp_id");`);
    this.addSql(`create index "department_parent_key_index" on "directory"."department" ("parent_key");`);
    this.addSql(`alter table "directory"."department" add constraint "department_corp_id_id_unique" unique ("corp_id", "id");`);

    this.addSql(`create table "directory"."department_link" ("id" uuid not null, "corp_id" varchar(64) not null, "ancestor_key" uuid not null, "descendant_key" uuid not null, "distance" int not null, constraint "department_link_pkey" primary key ("id"));`);
    this.addSql(`create index "department_link_corp_id_index" on "directory"."department_link" ("corp_id");`);
    this.addSql(`create index "department_link_descendant_key_index" on "directory"."department_link" ("descendant_key");`);
    this.addSql(`alter table "directory"."department_link" add constraint "department_link_ancestor_key_descendant_key_unique" unique ("ancestor_key", "descendant_key");`);

    this.addSql(`create table "directory"."employee" ("key" uuid not null, "corp_id" varchar(64) not null, "union_id" varchar(40) not null, "display_name" varchar(100) not null, "employee_number" varchar(64) null, "title" varchar(100) null, "email" varchar(254) null, "phone" varchar(32) null, "external_id" varchar(200) null, "status" text check ("status" in ('ACTIVE', 'LEFT')) not null default 'ACTIVE', "joined_at" date not null, "left_at" date null, "manager_key" uuid null, "search_text" varchar(500) not null default '', "created_at" timestamptz not null, constraint "employee_pkey" primary key ("key"));`);
    this.addSql(`create index "employee_corp_id_index" on "directory"."employee" ("corp_id");`);
    this.addSql(`create index "employee_manager_key_index" on "directory"."employee" ("manager_key");`);
    this.addSql(`create index "employee_corp_id_display_name_key_index" on "directory"."employee" ("corp_id", "display_name", "key");`);
    this.addSql(`alter table "directory"."employee" add constraint "employee_corp_id_email_unique" unique ("corp_id", "email");`);
    this.addSql(`alter table "directory"."employee" add constraint "employee_corp_id_employee_number_unique" unique ("corp_id", "employee_number");`);
    this.addSql(`alter table "directory"."employee" add constraint "employee_corp_id_union_id_unique" unique ("corp_id", "union_id");`);

    this.addSql(`create table "directory"."membership" ("id" uuid not null, "corp_id" varchar(64) not null, "employee_key" uuid not null, "department_key" uuid not null, "primary" boolean not null, constraint "membership_pkey" primary key ("id"));`);
    this.addSql(`create index "membership_corp_id_index" on "directory"."membership" ("corp_id");`);
    this.addSql(`create index "membership_department_key_index" on "directory"."membership" ("department_key");`);
    this.addSql(`alter table "directory"."membership" add constraint "membership_employee_key_department_key_unique" unique ("employee_key", "department_key");`);

    this.addSql(`create table "directory"."tag" ("key" uuid not null, "corp_id" varchar(64) not null, "name" varchar(64) not null, "created_at" timestamptz not null, constraint "tag_pkey" primary key ("key"));`);
    this.addSql(`create index "tag_corp_id_index" on "directory"."tag" ("corp_id");`);
    this.addSql(`alter table "directory"."tag" add constraint "tag_corp_id_name_unique" unique ("corp_id", "name");`);

    this.addSql(`create table "directory"."employee_tag" ("id" uuid not null, "corp_id" varchar(64) not null, "employee_key" uuid not null, "tag_key" uuid not null, constraint "employee_tag_pkey" primary key ("id"));`);
    this.addSql(`create index "employee_tag_corp_id_index" on "directory"."employee_tag" ("corp_id");`);
    this.addSql(`create index "employee_tag_tag_key_index" on "directory"."employee_tag" ("tag_key");`);
    this.addSql(`alter table "directory"."employee_tag" add constraint "employee_tag_employee_key_tag_key_unique" unique ("employee_key", "tag_key");`);

    this.addSql(`alter table "directory"."department" add constraint "department_parent_key_foreign" foreign key ("parent_key") references "directory"."department" ("key") on update cascade on delete restrict;`);

    this.addSql(`alter table "directory"."department_link" add constraint "department_link_ancestor_key_foreign" foreign key ("ancestor_key") references "directory"."department" ("key") on update cascade on delete cascade;`);
    this.addSql(`alter table "directory"."department_link" add constraint "department_link_descendant_key_foreign" foreign key ("descendant_key") references "directory"."department" ("key") on update cascade on delete cascade;`);

    this.addSql(`alter table "directory"."employee" add constraint "employee_manager_key_foreign" foreign key ("manager_key") references "directory"."employee" ("key") on update cascade on delete set null;`);

    this.addSql(`alter table "directory"."membership" add constraint "membership_employee_key_foreign" foreign key ("employee_key") references "directory"."employee" ("key") on update cascade on delete cascade;`);
    this.addSql(`alter table "directory"."membership" add constraint "membership_department_key_foreign" foreign key ("department_key") references "directory"."department" ("key") on update cascade on delete cascade;`);

    this.addSql(`alter table "directory"."employee_tag" add constraint "employee_tag_employee_key_foreign" foreign key ("employee_key") references "directory"."employee" ("key") on update cascade on delete cascade;`);
    this.addSql(`alter table "directory"."employee_tag" add constraint "employee_tag_tag_key_foreign" foreign key ("tag_key") references "directory"."tag" ("key") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "directory"."department" drop constraint "department_parent_key_foreign";`);

    this.addSql(`alter table "directory"."department_link" drop constraint "department_link_ancestor_key_foreign";`);

    this.addSql(`alter table "directory"."department_link" drop constraint "department_link_descendant_key_foreign";`);

    this.addSql(`alter table "directory"."membership" drop constraint "membership_department_key_foreign";`);

    this.addSql(`alter table "directory"."employee" drop constraint "employee_manager_key_foreign";`);

    this.addSql(`alter table "directory"."membership" drop constraint "membership_employee_key_foreign";`);

    this.addSql(`alter table "directory"."employee_tag" drop constraint "employee_tag_employee_key_foreign";`);

    this.addSql(`alter table "directory"."employee_tag" drop constraint "employee_tag_tag_key_foreign";`);

    this.addSql(`drop table if exists "directory"."department" cascade;`);

    this.addSql(`drop table if exists "directory"."department_link" cascade;`);

    this.addSql(`drop table if exists "directory"."employee" cascade;`);

    this.addSql(`drop table if exists "directory"."membership" cascade;`);

    this.addSql(`drop table if exists "directory"."tag" cascade;`);

    this.addSql(`drop table if exists "directory"."employee_tag" cascade;`);

    this.addSql(`drop schema if exists "directory";`);
  }

}
