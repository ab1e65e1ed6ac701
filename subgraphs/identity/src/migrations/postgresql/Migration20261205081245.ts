import { Migration } from '@mikro-orm/migrations';

export class Migration20261205081245 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "identity"."audit_entry" ("id" uuid not null, "corp_id" varchar(64) not null, "occurred_at" timestamptz not null, "action" varchar(60) not null, "actor" varchar(200) not null, "subject_union_id" varchar(40) null, "target" varchar(200) null, "details" text null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_corp_id_index" on "identity"."audit_entry" ("corp_id");`);
    this.addSql(`create index "audit_entry_corp_id_subject_union_id_occurred_at_index" on "identity"."audit_entry" ("corp_id", "subject_union_id", "occurred_at");`);
    this.addSql(`create index "audit_entry_corp_id_action_occurred_at_index" on "identity"."audit_entry" ("corp_id", "action", "occurred_at");`);
    this.addSql(`create index "audit_entry_corp_id_occurred_at_id_index" on "identity"."audit_entry" ("corp_id", "occurred_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "identity"."audit_entry" cascade;`);
  }

}
