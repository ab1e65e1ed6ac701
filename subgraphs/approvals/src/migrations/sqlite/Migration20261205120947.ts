import { Migration } from '@mikro-orm/migrations';

export class Migration20261205120947 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`approval_request\` add column \`link\` text null;`);
  }

}
