import { Migration } from '@mikro-orm/migrations';

export class Migration20261205081356 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`outbox_event\` add column \`actor\` text null;`);
  }

}
