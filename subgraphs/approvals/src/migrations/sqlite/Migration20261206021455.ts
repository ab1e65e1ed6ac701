import { Migration } from '@mikro-orm/migrations';

export class Migration20261206021455 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index "approval_request_pending_subject_unique" on "approval_request" ("corp_id", "app_id", "subject_type", "subject_id") where "status" = 'PENDING';`);
  }

}
