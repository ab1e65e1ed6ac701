import { Migration } from '@mikro-orm/migrations';

export class Migration20261210120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."module_subgraph" add column "retired_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."module_subgraph" drop column "retired_at";`);
  }

}
