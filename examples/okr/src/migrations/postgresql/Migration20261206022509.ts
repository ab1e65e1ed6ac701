import { Migration } from '@mikro-orm/migrations';

export class Migration20261206022509 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "okr"."objective" add column "status" varchar(16) not null default 'PRIVATE', add column "version" int not null default 1, add column "approval_id" varchar(64) null, add column "published_at" timestamptz null, add column "decision_comment" varchar(2000) null;`);
    this.addSql(`create index "objective_approval_id_index" on "okr"."objective" ("approval_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "okr"."objective_approval_id_index";`);
    this.addSql(`alter table "okr"."objective" drop column "status", drop column "version", drop column "approval_id", drop column "published_at", drop column "decision_comment";`);
  }

}
