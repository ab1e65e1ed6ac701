import { Migration } from '@mikro-orm/migrations';

export class Migration20261205080955 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`check_in\` add column \`nearest_place_name\` text null;`);
  }

}
