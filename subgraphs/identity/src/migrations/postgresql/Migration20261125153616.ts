import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153616 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "identity"."module_subgraph" ("id" uuid not null, "name" varchar(40) not null, "app_id" varchar(40) not null, "url" varchar(500) not null, "current_version" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "module_subgraph_pkey" primary key ("id"));`);
    this.addSql(`alter table "identity"."module_subgraph" add constraint "module_subgraph_name_unique" unique ("name");`);
    this.addSql(`alter table "identity"."module_subgraph" add constraint "module_subgraph_app_id_unique" unique ("app_id");`);

    this.addSql(`create table "identity"."published_supergraph" ("revision" int not null, "sdl" text not null, "sha" varchar(64) not null, "base_sha" varchar(64) not null, "reason" varchar(200) not null, "created_at" timestamptz not null, constraint "published_supergraph_pkey" primary key ("revision"));`);

    this.addSql(`create table "identity"."subgraph_version" ("id" uuid not null, "subgraph_id" uuid not null, "version" int not null, "sdl" text not null, "sha" varchar(64) not null, "url" varchar(500) not null, "published_by" varchar(200) not null, "published_at" timestamptz not null, "forced" boolean not null, "changes" jsonb not null, constraint "subgraph_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "identity"."subgraph_version" add constraint "subgraph_version_subgraph_id_version_unique" unique ("subgraph_id", "version");`);

    this.addSql(`alter table "identity"."module_subgraph" add constraint "module_subgraph_app_id_foreign" foreign key ("app_id") references "identity"."app" ("app_id") on update cascade;`);

    this.addSql(`alter table "identity"."subgraph_version" add constraint "subgraph_version_subgraph_id_foreign" foreign key ("subgraph_id") references "identity"."module_subgraph" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."subgraph_version" drop constraint "subgraph_version_subgraph_id_foreign";`);

    this.addSql(`drop table if exists "identity"."module_subgraph" cascade;`);

    this.addSql(`drop table if exists "identity"."published_supergraph" cascade;`);

    this.addSql(`drop table if exists "identity"."subgraph_version" cascade;`);
  }

}
