import { Migration } from '@mikro-orm/migrations';

export class Migration20261125142226 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`work_log\` (\`id\` text not null, \`corp_id\` text not null, \`author_union_id\` text not null, \`kind\` text not null, \`log_date\` date null, \`week\` text null, \`body\` text not null, \`voice_media_id\` text null, \`voice_duration_seconds\` integer null, \`attachment_ids\` json not null, \`visibility\` text not null, \`reader_union_ids\` json not null, \`created_at\` datetime not null, \`edited_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`work_log_corp_id_index\` on \`work_log\` (\`corp_id\`);`);
    this.addSql(`create index \`work_log_corp_id_author_union_id_created_at_id_index\` on \`work_log\` (\`corp_id\`, \`author_union_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`work_log_corp_id_created_at_id_index\` on \`work_log\` (\`corp_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create unique index \`work_log_corp_id_author_union_id_week_unique\` on \`work_log\` (\`corp_id\`, \`author_union_id\`, \`week\`);`);
    this.addSql(`create unique index \`work_log_corp_id_author_union_id_log_date_unique\` on \`work_log\` (\`corp_id\`, \`author_union_id\`, \`log_date\`);`);

    this.addSql(`create table \`work_log_audience\` (\`id\` text not null, \`corp_id\` text not null, \`log_id\` text not null, \`key\` text not null, constraint \`work_log_audience_log_id_foreign\` foreign key(\`log_id\`) references \`work_log\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`work_log_audience_corp_id_index\` on \`work_log_audience\` (\`corp_id\`);`);
    this.addSql(`create index \`work_log_audience_log_id_index\` on \`work_log_audience\` (\`log_id\`);`);
    this.addSql(`create index \`work_log_audience_key_log_id_index\` on \`work_log_audience\` (\`key\`, \`log_id\`);`);
    this.addSql(`create unique index \`work_log_audience_log_id_key_unique\` on \`work_log_audience\` (\`log_id\`, \`key\`);`);

    this.addSql(`create table \`work_log_comment\` (\`id\` text not null, \`corp_id\` text not null, \`log_id\` text not null, \`author_union_id\` text not null, \`text\` text not null, \`created_at\` datetime not null, constraint \`work_log_comment_log_id_foreign\` foreign key(\`log_id\`) references \`work_log\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`work_log_comment_corp_id_index\` on \`work_log_comment\` (\`corp_id\`);`);
    this.addSql(`create index \`work_log_comment_log_id_index\` on \`work_log_comment\` (\`log_id\`);`);
    this.addSql(`create index \`work_log_comment_log_id_created_at_id_index\` on \`work_log_comment\` (\`log_id\`, \`created_at\`, \`id\`);`);

    this.addSql(`create table \`work_log_department\` (\`id\` text not null, \`corp_id\` text not null, \`log_id\` text not null, \`department_id\` text not null, constraint \`work_log_department_log_id_foreign\` foreign key(\`log_id\`) references \`work_log\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`work_log_department_corp_id_index\` on \`work_log_department\` (\`corp_id\`);`);
    this.addSql(`create index \`work_log_department_log_id_index\` on \`work_log_department\` (\`log_id\`);`);
    this.addSql(`create index \`work_log_department_department_id_log_id_index\` on \`work_log_department\` (\`department_id\`, \`log_id\`);`);
    this.addSql(`create unique index \`work_log_department_log_id_department_id_unique\` on \`work_log_department\` (\`log_id\`, \`department_id\`);`);

    this.addSql(`create table \`work_log_read\` (\`id\` text not null, \`corp_id\` text not null, \`log_id\` text not null, \`reader_union_id\` text not null, \`read_at\` datetime not null, constraint \`work_log_read_log_id_foreign\` foreign key(\`log_id\`) references \`work_log\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`work_log_read_corp_id_index\` on \`work_log_read\` (\`corp_id\`);`);
    this.addSql(`create index \`work_log_read_log_id_index\` on \`work_log_read\` (\`log_id\`);`);
    this.addSql(`create index \`work_log_read_reader_union_id_log_id_index\` on \`work_log_read\` (\`reader_union_id\`, \`log_id\`);`);
    this.addSql(`create unique index \`work_log_read_log_id_reader_union_id_unique\` on \`work_log_read\` (\`log_id\`, \`reader_union_id\`);`);
  }

}
