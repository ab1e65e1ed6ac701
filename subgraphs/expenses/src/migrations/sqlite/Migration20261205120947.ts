import { Migration } from '@mikro-orm/migrations';

export class Migration20261205120947 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`expense_claim\` add column \`approval_id\` text null;`);
    this.addSql(`alter table \`expense_claim\` add column \`approval_synced\` integer not null default 0;`);
    this.addSql(`create index \`expense_claim_approval_id_index\` on \`expense_claim\` (\`approval_id\`);`);
  }

}
