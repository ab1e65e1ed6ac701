import { Migration } from '@mikro-orm/migrations';

export class Migration20261125132144 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`media\` (\`id\` text not null, \`corp_id\` text not null, \`kind\` text not null, \`mime_type\` text not null, \`size\` integer not null, \`sha256\` text not null, \`width\` integer null, \`height\` integer null, \`duration_ms\` integer null, \`uploaded_by\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`media_corp_id_index\` on \`media\` (\`corp_id\`);`);
    this.addSql(`create index \`media_corp_id_created_at_id_index\` on \`media\` (\`corp_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create unique index \`media_corp_id_kind_sha256_unique\` on \`media\` (\`corp_id\`, \`kind\`, \`sha256\`);`);
  }

}
