import { Migration } from '@mikro-orm/migrations';

export class Migration20261125132145 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "media";`);
    this.addSql(`create table "media"."media" ("id" varchar(36) not null, "corp_id" varchar(64) not null, "kind" varchar(16) not null, "mime_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "width" int null, "height" int null, "duration_ms" int null, "uploaded_by" varchar(64) not null, "created_at" timestamptz not null, constraint "media_pkey" primary key ("id"));`);
    this.addSql(`create index "media_corp_id_index" on "media"."media" ("corp_id");`);
    this.addSql(`create index "media_corp_id_created_at_id_index" on "media"."media" ("corp_id", "created_at", "id");`);
    this.addSql(`alter table "media"."media" add constraint "media_corp_id_kind_sha256_unique" unique ("corp_id", "kind", "sha256");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "media"."media" cascade;`);

    this.addSql(`drop schema if exists "media";`);
  }

}
