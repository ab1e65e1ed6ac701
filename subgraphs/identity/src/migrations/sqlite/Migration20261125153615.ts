import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153615 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`module_subgraph\` (\`id\` text not null, \`name\` text not null, \`app_id\` text not null, \`url\` text not null, \`current_version\` integer not null default 0, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`module_subgraph_app_id_foreign\` foreign key(\`app_id\`) references \`app\`(\`app_id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`module_subgraph_name_unique\` on \`module_subgraph\` (\`name\`);`);
    this.addSql(`create index \`module_subgraph_app_id_index\` on \`module_subgraph\` (\`app_id\`);`);
    this.addSql(`create unique index \`module_subgraph_app_id_unique\` on \`module_subgraph\` (\`app_id\`);`);

    this.addSql(`create table \`published_supergraph\` (\`revision\` integer not null, \`sdl\` text not null, \`sha\` text not null, \`base_sha\` text not null, \`reason\` text not null, \`created_at\` datetime not null, primary key (\`revision\`));`);

    this.addSql(`create table \`subgraph_version\` (\`id\` text not null, \`subgraph_id\` text not null, \`version\` integer not null, \`sdl\` text not null, \`sha\` text not null, \`url\` text not null, \`published_by\` text not null, \`published_at\` datetime not null, \`forced\` integer not null, \`changes\` json not null, constraint \`subgraph_version_subgraph_id_foreign\` foreign key(\`subgraph_id\`) references \`module_subgraph\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`subgraph_version_subgraph_id_index\` on \`subgraph_version\` (\`subgraph_id\`);`);
    this.addSql(`create unique index \`subgraph_version_subgraph_id_version_unique\` on \`subgraph_version\` (\`subgraph_id\`, \`version\`);`);
  }

}
