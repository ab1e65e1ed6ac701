import { Migration } from '@mikro-orm/migrations';

export class Migration20261205073300 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`admin_role_assignment\` (\`id\` text not null, \`corp_id\` text not null, \`union_id\` text not null, \`role\` text not null, \`department_id\` text null, \`granted_by\` text not null, \`granted_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`admin_role_assignment_corp_id_index\` on \`admin_role_assignment\` (\`corp_id\`);`);
    this.addSql(`create unique index \`admin_role_assignment_corp_id_union_id_unique\` on \`admin_role_assignment\` (\`corp_id\`, \`union_id\`);`);
  }

}
