import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153928 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`app_integration\` (\`app_id\` text not null, \`redirect_uris\` json not null, \`webhook_url\` text null, \`webhook_secret\` text null, \`updated_at\` datetime not null, primary key (\`app_id\`));`);

    this.addSql(`create table \`authorization_code\` (\`code_hash\` text not null, \`corp_id\` text not null, \`app_id\` text not null, \`union_id\` text not null, \`redirect_uri\` text not null, \`code_challenge\` text null, \`code_challenge_method\` text null, \`nonce\` text null, \`scope\` text null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`created_at\` datetime not null, primary key (\`code_hash\`));`);
    this.addSql(`create index \`authorization_code_corp_id_index\` on \`authorization_code\` (\`corp_id\`);`);

    this.addSql(`create table \`webhook_event\` (\`id\` text not null, \`corp_id\` text not null, \`type\` text not null, \`data\` json not null, \`occurred_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_event_corp_id_index\` on \`webhook_event\` (\`corp_id\`);`);

    this.addSql(`create table \`webhook_delivery\` (\`id\` text not null, \`corp_id\` text not null, \`event_id\` text not null, \`app_id\` text not null, \`event_type\` text not null, \`status\` text not null default 'PENDING', \`attempts\` integer not null default 0, \`last_status_code\` integer null, \`last_error\` text null, \`next_attempt_at\` datetime null, \`locked_until\` datetime null, \`delivered_at\` datetime null, \`created_at\` datetime not null, constraint \`webhook_delivery_event_id_foreign\` foreign key(\`event_id\`) references \`webhook_event\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_delivery_corp_id_index\` on \`webhook_delivery\` (\`corp_id\`);`);
    this.addSql(`create index \`webhook_delivery_event_id_index\` on \`webhook_delivery\` (\`event_id\`);`);
    this.addSql(`create index \`webhook_delivery_status_next_attempt_at_index\` on \`webhook_delivery\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create unique index \`webhook_delivery_event_id_app_id_unique\` on \`webhook_delivery\` (\`event_id\`, \`app_id\`);`);
  }

}
