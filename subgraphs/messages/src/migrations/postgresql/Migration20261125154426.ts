import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154426 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "messages";`);
    this.addSql(`create table "messages"."message" ("id" uuid not null, "corp_id" varchar(64) not null, "sender" varchar(64) not null, "app_id" varchar(40) null, "sender_union_id" varchar(40) null, "title" varchar(200) not null, "body" text not null, "format" varchar(16) not null default 'PLAIN', "link" varchar(2000) null, "priority" varchar(16) not null default 'NORMAL', "target" jsonb not null, "recipient_count" int not null default 0, "idempotency_key" varchar(100) null, "created_at" timestamptz not null, constraint "message_pkey" primary key ("id"));`);
    this.addSql(`create index "message_corp_id_index" on "messages"."message" ("corp_id");`);
    this.addSql(`create index "message_corp_id_created_at_id_index" on "messages"."message" ("corp_id", "created_at", "id");`);
    this.addSql(`alter table "messages"."message" add constraint "message_corp_id_sender_idempotency_key_unique" unique ("corp_id", "sender", "idempotency_key");`);

    this.addSql(`create table "messages"."delivery" ("id" uuid not null, "corp_id" varchar(64) not null, "message_id" uuid not null, "recipient_union_id" varchar(40) not null, "app_id" varchar(40) null, "pin" int not null default 0, "created_at" timestamptz not null, "read_at" timestamptz null, "via" varchar(120) not null, constraint "delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "delivery_corp_id_index" on "messages"."delivery" ("corp_id");`);
    this.addSql(`create index "delivery_corp_id_recipient_union_id_read_at_index" on "messages"."delivery" ("corp_id", "recipient_union_id", "read_at");`);
    this.addSql(`create index "delivery_corp_id_recipient_union_id_pin_created_at_id_index" on "messages"."delivery" ("corp_id", "recipient_union_id", "pin", "created_at", "id");`);
    this.addSql(`alter table "messages"."delivery" add constraint "delivery_message_id_recipient_union_id_unique" unique ("message_id", "recipient_union_id");`);

    this.addSql(`alter table "messages"."delivery" add constraint "delivery_message_id_foreign" foreign key ("message_id") references "messages"."message" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "messages"."delivery" drop constraint "delivery_message_id_foreign";`);

    this.addSql(`drop table if exists "messages"."message" cascade;`);

    this.addSql(`drop table if exists "messages"."delivery" cascade;`);

    this.addSql(`drop schema if exists "messages";`);
  }

}
