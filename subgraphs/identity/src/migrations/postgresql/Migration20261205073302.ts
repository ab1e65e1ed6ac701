import { Migration } from '@mikro-orm/migrations';

export class Migration20261205073302 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "identity"."admin_role_assignment" ("id" uuid not null, "corp_id" varchar(64) not null, "union_id" varchar(40) not null, "role" varchar(20) not null, "department_id" varchar(64) null, "granted_by" varchar(200) not null, "granted_at" timestamptz not null, constraint "admin_role_assignment_pkey" primary key ("id"));`);
    this.addSql(`create index "admin_role_assignment_corp_id_index" on "identity"."admin_role_assignment" ("corp_id");`);
    this.addSql(`alter table "identity"."admin_role_assignment" add constraint "admin_role_assignment_corp_id_union_id_unique" unique ("corp_id", "union_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "identity"."admin_role_assignment" cascade;`);
  }

}
