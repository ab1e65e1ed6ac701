import { Migration } from '@mikro-orm/migrations';

export class Migration20261206022509 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`objective\` add column \`status\` text not null default 'PRIVATE';`);
    this.addSql(`alter table \`objective\` add column \`version\` integer not null default 1;`);
    this.addSql(`alter table \`objective\` add column \`approval_id\` text null;`);
    this.addSql(`alter table \`objective\` add column \`published_at\` datetime null;`);
    this.addSql(`alter table \`objective\` add column \`decision_comment\` text null;`);
    this.addSql(`create index \`objective_approval_id_index\` on \`objective\` (\`approval_id\`);`);
  }

}
