import { Migration } from '@mikro-orm/migrations';

export class Migration20261205081242 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_entry\` (\`id\` text not null, \`corp_id\` text not null, \`occurred_at\` datetime not null, \`action\` text not null, \`actor\` text not null, \`subject_union_id\` text null, \`target\` text null, \`details\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`audit_entry_corp_id_index\` on \`audit_entry\` (\`corp_id\`);`);
    this.addSql(`create index \`audit_entry_corp_id_subject_union_id_occurred_at_index\` on \`audit_entry\` (\`corp_id\`, \`subject_union_id\`, \`occurred_at\`);`);
    this.addSql(`create index \`audit_entry_corp_id_action_occurred_at_index\` on \`audit_entry\` (\`corp_id\`, \`action\`, \`occurred_at\`);`);
    this.addSql(`create index \`audit_entry_corp_id_occurred_at_id_index\` on \`audit_entry\` (\`corp_id\`, \`occurred_at\`, \`id\`);`);
  }

}
