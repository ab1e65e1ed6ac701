import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154426 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`message\` (\`id\` text not null, \`corp_id\` text not null, \`sender\` text not null, \`app_id\` text null, \`sender_union_id\` text null, \`title\` text not null, \`body\` text not null, \`format\` text not null default 'PLAIN', \`link\` text null, \`priority\` text not null default 'NORMAL', \`target\` json not null, \`recipient_count\` integer not null default 0, \`idempotency_key\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`message_corp_id_index\` on \`message\` (\`corp_id\`);`);
    this.addSql(`create index \`message_corp_id_created_at_id_index\` on \`message\` (\`corp_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create unique index \`message_corp_id_sender_idempotency_key_unique\` on \`message\` (\`corp_id\`, \`sender\`, \`idempotency_key\`);`);

    this.addSql(`create table \`delivery\` (\`id\` text not null, \`corp_id\` text not null, \`message_id\` text not null, \`recipient_union_id\` text not null, \`app_id\` text null, \`pin\` integer not null default 0, \`created_at\` datetime not null, \`read_at\` datetime null, \`via\` text not null, constraint \`delivery_message_id_foreign\` foreign key(\`message_id\`) references \`message\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`delivery_corp_id_index\` on \`delivery\` (\`corp_id\`);`);
    this.addSql(`create index \`delivery_message_id_index\` on \`delivery\` (\`message_id\`);`);
    this.addSql(`create index \`delivery_corp_id_recipient_union_id_read_at_index\` on \`delivery\` (\`corp_id\`, \`recipient_union_id\`, \`read_at\`);`);
    this.addSql(`create index \`delivery_corp_id_recipient_union_id_pin_created_at_id_index\` on \`delivery\` (\`corp_id\`, \`recipient_union_id\`, \`pin\`, \`created_at\`, \`id\`);`);
    this.addSql(`create unique index \`delivery_message_id_recipient_union_id_unique\` on \`delivery\` (\`message_id\`, \`recipient_union_id\`);`);
  }

}
