import { Migration } from '@mikro-orm/migrations';

export class Migration20261205120948 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "approvals"."approval_request" add column "link" varchar(300) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "approvals"."approval_request" drop column "link";`);
  }

}
