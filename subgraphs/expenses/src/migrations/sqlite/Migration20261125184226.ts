import { Migration } from '@mikro-orm/migrations';

export class Migration20261125184226 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`corp_id\` text not null, \`message\` json not null, \`request_id\` text null, \`created_at\` datetime not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`sent_at\` datetime null, \`failed_at\` datetime null, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_message_corp_id_index\` on \`outbox_message\` (\`corp_id\`);`);
    this.addSql(`create index \`outbox_message_sent_at_failed_at_next_attempt_at_index\` on \`outbox_message\` (\`sent_at\`, \`failed_at\`, \`next_attempt_at\`);`);
  }

}
