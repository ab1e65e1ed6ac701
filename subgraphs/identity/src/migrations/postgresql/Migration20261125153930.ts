import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153930 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "identity"."app_integration" ("app_id" varchar(40) not null, "redirect_uris" jsonb not null, "webhook_url" varchar(2000) null, "webhook_secret" varchar(100) null, "updated_at" timestamptz not null, constraint "app_integration_pkey" primary key ("app_id"));`);

    this.addSql(`create table "identity"."authorization_code" ("code_hash" varchar(64) not null, "corp_id" varchar(64) not null, "app_id" varchar(40) not null, "union_id" varchar(40) not null, "redirect_uri" varchar(2000) not null, "code_challenge" varchar(128) null, "code_challenge_method" varchar(8) null, "nonce" varchar(500) null, "scope" varchar(500) null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, constraint "authorization_code_pkey" primary key ("code_hash"));`);
    this.addSql(`create index "authorization_code_corp_id_index" on "identity"."authorization_code" ("corp_id");`);

    this.addSql(`create table "identity"."webhook_event" ("id" uuid not null, "corp_id" varchar(64) not null, "type" varchar(60) not null, "data" jsonb not null, "occurred_at" timestamptz not null, constraint "webhook_event_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_event_corp_id_index" on "identity"."webhook_event" ("corp_id");`);

    this.addSql(`create table "identity"."webhook_delivery" ("id" uuid not null, "corp_id" varchar(64) not null, "event_id" uuid not null, "app_id" varchar(40) not null, "event_type" varchar(60) not null, "status" varchar(12) not null default 'PENDING', "attempts" int not null default 0, "last_status_code" int null, "last_error" varchar(500) null, "next_attempt_at" timestamptz null, "locked_until" timestamptz null, "delivered_at" timestamptz null, "created_at" timestamptz not null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_corp_id_index" on "identity"."webhook_delivery" ("corp_id");`);
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "identity"."webhook_delivery" ("status", "next_attempt_at");`);
    this.addSql(`alter table "identity"."webhook_delivery" add constraint "webhook_delivery_event_id_app_id_unique" unique ("event_id", "app_id");`);

    this.addSql(`alter table "identity"."webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "identity"."webhook_event" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."webhook_delivery" drop constraint "webhook_delivery_event_id_foreign";`);

    this.addSql(`drop table if exists "identity"."app_integration" cascade;`);

    this.addSql(`drop table if exists "identity"."authorization_code" cascade;`);

    this.addSql(`drop table if exists "identity"."webhook_event" cascade;`);

    this.addSql(`drop table if exists "identity"."webhook_delivery" cascade;`);
  }

}
