import { Migration } from '@mikro-orm/migrations';

export class Migration20261125184020 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`authorization_code\` add column \`grant_id\` text null;`);
    this.addSql(`alter table \`authorization_code\` add column \`revoked_at\` datetime null;`);
    this.addSql(`create index \`authorization_code_app_id_revoked_at_index\` on \`authorization_code\` (\`app_id\`, \`revoked_at\`);`);
  }

}
