import { Migration } from '@mikro-orm/migrations';

export class Migration20261204172600 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "identity"."refresh_token" ("token_hash" varchar(64) not null, "corp_id" varchar(64) not null, "grant_id" uuid not null, "app_id" varchar(40) not null, "expires_at" timestamptz not null, "rotated_at" timestamptz null, "created_at" timestamptz not null, constraint "refresh_token_pkey" primary key ("token_hash"));`);
    this.addSql(`create index "refresh_token_corp_id_index" on "identity"."refresh_token" ("corp_id");`);
    this.addSql(`create index "refresh_token_grant_id_index" on "identity"."refresh_token" ("grant_id");`);

    this.addSql(`create index "authorization_code_grant_id_index" on "identity"."authorization_code" ("grant_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "identity"."refresh_token" cascade;`);

    this.addSql(`drop index "identity"."authorization_code_grant_id_index";`);
  }

}
