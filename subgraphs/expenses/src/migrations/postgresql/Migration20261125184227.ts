import { Migration } from '@mikro-orm/migrations';

export class Migration20261125184227 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "expenses"."outbox_message" ("id" uuid not null, "corp_id" varchar(64) not null, "message" jsonb not null, "request_id" varchar(64) null, "created_at" timestamptz not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "sent_at" timestamptz null, "failed_at" timestamptz null, "last_error" varchar(500) null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_message_corp_id_index" on "expenses"."outbox_message" ("corp_id");`);
    this.addSql(`create index "outbox_message_sent_at_failed_at_next_attempt_at_index" on "expenses"."outbox_message" ("sent_at", "failed_at", "next_attempt_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "expenses"."outbox_message" cascade;`);
  }

}
