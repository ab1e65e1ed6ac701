import { Migration } from '@mikro-orm/migrations';

export class Migration20261203093017 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`person_corp_id_created_at_union_id_index\` on \`person\` (\`corp_id\`, \`created_at\`, \`union_id\`);`);
  }

}
