import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154955 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "okr";`);
    this.addSql(`create table "okr"."objective" ("id" uuid not null, "corp_id" varchar(64) not null, "owner_union_id" varchar(64) not null, "title" varchar(200) not null, "quarter" varchar(7) not null, "created_at" timestamptz not null, constraint "objective_pkey" primary key ("id"));`);
    this.addSql(`create index "objective_corp_id_index" on "okr"."objective" ("corp_id");`);
    this.addSql(`create index "objective_corp_id_quarter_owner_union_id_index" on "okr"."objective" ("corp_id", "quarter", "owner_union_id");`);

    this.addSql(`create table "okr"."key_result" ("id" uuid not null, "corp_id" varchar(64) not null, "objective_id" uuid not null, "title" varchar(200) not null, "progress" int not null default 0, "updated_at" timestamptz not null, constraint "key_result_pkey" primary key ("id"));`);
    this.addSql(`create index "key_result_corp_id_index" on "okr"."key_result" ("corp_id");`);

    this.addSql(`alter table "okr"."key_result" add constraint "key_result_objective_id_foreign" foreign key ("objective_id") references "okr"."objective" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "okr"."key_result" drop constraint "key_result_objective_id_foreign";`);

    this.addSql(`drop table if exists "okr"."objective" cascade;`);

    this.addSql(`drop table if exists "okr"."key_result" cascade;`);

    this.addSql(`drop schema if exists "okr";`);
  }

}
