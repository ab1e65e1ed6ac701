import { Migration } from '@mikro-orm/migrations';

export class Migration20261204172557 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`refresh_token\` (\`token_hash\` text not null, \`corp_id\` text not null, \`grant_id\` text not null, \`app_id\` text not null, \`expires_at\` datetime not null, \`rotated_at\` datetime null, \`created_at\` datetime not null, primary key (\`token_hash\`));`);
    this.addSql(`create index \`refresh_token_corp_id_index\` on \`refresh_token\` (\`corp_id\`);`);
    this.addSql(`create index \`refresh_token_grant_id_index\` on \`refresh_token\` (\`grant_id\`);`);

    this.addSql(`create index \`authorization_code_grant_id_index\` on \`authorization_code\` (\`grant_id\`);`);
  }

}
