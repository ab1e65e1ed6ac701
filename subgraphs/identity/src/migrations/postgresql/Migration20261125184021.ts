import { Migration } from '@mikro-orm/migrations';

export class Migration20261125184021 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."authorization_code" add column "grant_id" uuid null, add column "revoked_at" timestamptz null;`);
    this.addSql(`create index "authorization_code_app_id_revoked_at_index" on "identity"."authorization_code" ("app_id", "revoked_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "identity"."authorization_code_app_id_revoked_at_index";`);
    this.addSql(`alter table "identity"."authorization_code" drop column "grant_id", drop column "revoked_at";`);
  }

}
