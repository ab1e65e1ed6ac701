import { Migration } from '@mikro-orm/migrations';

export class Migration20261206203725 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`check_in_day_corp_id_union_id_local_date_unique\`;`);

    this.addSql(`create index \`check_in_day_corp_id_union_id_local_date_index\` on \`check_in_day\` (\`corp_id\`, \`union_id\`, \`local_date\`);`);
  }

}
