import { Migration } from '@mikro-orm/migrations';

export class Migration20261205081357 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "directory"."outbox_event" add column "actor" varchar(200) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "directory"."outbox_event" drop column "actor";`);
  }

}
