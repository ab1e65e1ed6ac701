import { Migration } from '@mikro-orm/migrations';

export class Migration20261125122344 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`app\` (\`app_id\` text not null, \`name\` text not null, \`vendor\` text not null, \`description\` text null, \`secret_hash\` text not null, \`created_at\` datetime not null, primary key (\`app_id\`));`);

    this.addSql(`create table \`corp\` (\`id\` text not null, \`name\` text not null, \`timezone\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`installation\` (\`id\` text not null, \`corp_id\` text not null, \`app_id\` text not null, \`status\` text check (\`status\` in ('INSTALLED', 'UNINSTALLED')) not null default 'INSTALLED', \`installed_at\` datetime not null, \`uninstalled_at\` datetime null, constraint \`installation_app_id_foreign\` foreign key(\`app_id\`) references \`app\`(\`app_id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`installation_corp_id_index\` on \`installation\` (\`corp_id\`);`);
    this.addSql(`create index \`installation_app_id_index\` on \`installation\` (\`app_id\`);`);
    this.addSql(`create unique index \`installation_corp_id_app_id_unique\` on \`installation\` (\`corp_id\`, \`app_id\`);`);

    this.addSql(`create table \`person\` (\`union_id\` text not null, \`corp_id\` text not null, \`display_name\` text not null, \`email\` text null, \`created_at\` datetime not null, primary key (\`union_id\`));`);
    this.addSql(`create index \`person_corp_id_index\` on \`person\` (\`corp_id\`);`);
    this.addSql(`create unique index \`person_corp_id_email_unique\` on \`person\` (\`corp_id\`, \`email\`);`);

    this.addSql(`create table \`open_id\` (\`open_id\` text not null, \`corp_id\` text not null, \`app_id\` text not null, \`union_id\` text not null, \`created_at\` datetime not null, constraint \`open_id_app_id_foreign\` foreign key(\`app_id\`) references \`app\`(\`app_id\`) on update cascade, constraint \`open_id_union_id_foreign\` foreign key(\`union_id\`) references \`person\`(\`union_id\`) on update cascade, primary key (\`open_id\`));`);
    this.addSql(`create index \`open_id_corp_id_index\` on \`open_id\` (\`corp_id\`);`);
    this.addSql(`create index \`open_id_app_id_index\` on \`open_id\` (\`app_id\`);`);
    this.addSql(`create index \`open_id_union_id_index\` on \`open_id\` (\`union_id\`);`);
    this.addSql(`create unique index \`open_id_app_id_union_id_unique\` on \`open_id\` (\`app_id\`, \`union_id\`);`);
  }

}
