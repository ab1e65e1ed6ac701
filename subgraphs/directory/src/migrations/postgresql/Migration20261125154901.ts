import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154901 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "directory"."outbox_event" ("id" uuid not null, "corp_id" varchar(64) not null, "type" varchar(60) not null, "data" jsonb not null, "occurred_at" timestamptz not null, "relayed_at" timestamptz null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_corp_id_index" on "directory"."outbox_event" ("corp_id");`);
    this.addSql(`create index "outbox_event_relayed_at_occurred_at_index" on "directory"."outbox_event" ("relayed_at", "occurred_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "directory"."outbox_event" cascade;`);
  }

}
