import { Migration } from '@mikro-orm/migrations';

export class Migration20261206055536 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`membership_corp_id_employee_key_index\` on \`membership\` (\`corp_id\`, \`employee_key\`);`);

    this.addSql(`create index \`employee_tag_corp_id_employee_key_index\` on \`employee_tag\` (\`corp_id\`, \`employee_key\`);`);
  }

}
