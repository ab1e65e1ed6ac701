import { Migration } from '@mikro-orm/migrations';

export class Migration20261210120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`module_subgraph\` add column \`retired_at\` datetime null;`);
  }

}
