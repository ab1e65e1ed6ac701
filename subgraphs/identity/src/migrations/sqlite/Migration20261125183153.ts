import { Migration } from '@mikro-orm/migrations';

export class Migration20261125183153 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`webhook_event_occurred_at_index\` on \`webhook_event\` (\`occurred_at\`);`);

    this.addSql(`create index \`webhook_delivery_status_created_at_index\` on \`webhook_delivery\` (\`status\`, \`created_at\`);`);
  }

}
