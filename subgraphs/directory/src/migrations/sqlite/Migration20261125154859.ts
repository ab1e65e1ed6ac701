import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154859 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outbox_event\` (\`id\` text not null, \`corp_id\` text not null, \`type\` text not null, \`data\` json not null, \`occurred_at\` datetime not null, \`relayed_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_event_corp_id_index\` on \`outbox_event\` (\`corp_id\`);`);
    this.addSql(`create index \`outbox_event_relayed_at_occurred_at_index\` on \`outbox_event\` (\`relayed_at\`, \`occurred_at\`);`);
  }

}
