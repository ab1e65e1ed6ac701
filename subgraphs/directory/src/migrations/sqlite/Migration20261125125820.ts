import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125820 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`department\` (\`key\` text not null, \`corp_id\` text not null, \`id\` text not null, \`name\` text not null, \`parent_key\` text null, \`order\` integer not null default 0, \`depth\` integer not null default 0, \`created_at\` datetime not null, constraint \`department_parent_key_foreign\` foreign key(\`parent_key\`) references \`department\`(\`key\`) on delete restrict on update cascade, primary key (\`key\`));`);
    this.addSql(`create index \`department_corp_id_index\` on \`department\` (\`corp_id\`);`);
    this.addSql(`create index \`department_parent_key_index\` on \`department\` (\`parent_key\`);`);
    this.addSql(`create unique index \`department_corp_id_id_unique\` on \`department\` (\`corp_id\`, \`id\`);`);

    this.addSql(`create table \`department_link\` (\`id\` text not null, \`corp_id\` text not null, \`ancestor_key\` text not null, \`descendant_key\` text not null, \`distance\` integer not null, constraint \`department_link_ancestor_key_foreign\` foreign key(\`ancestor_key\`) references \`department\`(\`key\`) on delete cascade on update cascade, constraint \`department_link_descendant_key_foreign\` foreign key(\`descendant_key\`) references \`department\`(\`key\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`department_link_corp_id_index\` on \`department_link\` (\`corp_id\`);`);
    this.addSql(`create index \`department_link_ancestor_key_index\` on \`department_link\` (\`ancestor_key\`);`);
    this.addSql(`create index \`department_link_descendant_key_index\` on \`department_link\` (\`descendant_key\`);`);
    this.addSql(`create unique index \`department_link_ancestor_key_descendant_key_unique\` on \`department_link\` (\`ancestor_key\`, \`descendant_key\`);`);

    this.addSql(`create table \`employee\` (\`key\` text not null, \`corp_id\` text not null, \`union_id\` text not null, \`display_name\` text not null, \`employee_number\` text null, \`title\` text null, \`email\` text null, \`phone\` text null, \`external_id\` text null, \`status\` text check (\`status\` in ('ACTIVE', 'LEFT')) not null default 'ACTIVE', \`joined_at\` date not null, \`left_at\` date null, \`manager_key\` text null, \`search_text\` text not null default '', \`created_at\` datetime not null, constraint \`employee_manager_key_foreign\` foreign key(\`manager_key\`) references \`employee\`(\`key\`) on delete set null on update cascade, primary key (\`key\`));`);
    this.addSql(`create index \`employee_corp_id_index\` on \`employee\` (\`corp_id\`);`);
    this.addSql(`create index \`employee_manager_key_index\` on \`employee\` (\`manager_key\`);`);
    this.addSql(`create index \`employee_corp_id_display_name_key_index\` on \`employee\` (\`corp_id\`, \`display_name\`, \`key\`);`);
    this.addSql(`create unique index \`employee_corp_id_email_unique\` on \`employee\` (\`corp_id\`, \`email\`);`);
    this.addSql(`create unique index \`employee_corp_id_employee_number_unique\` on \`employee\` (\`corp_id\`, \`employee_number\`);`);
    this.addSql(`create unique index \`employee_corp_id_union_id_unique\` on \`employee\` (\`corp_id\`, \`union_id\`);`);

    this.addSql(`create table \`membership\` (\`id\` text not null, \`corp_id\` text not null, \`employee_key\` text not null, \`department_key\` text not null, \`primary\` integer not null, constraint \`membership_employee_key_foreign\` foreign key(\`employee_key\`) references \`employee\`(\`key\`) on delete cascade on update cascade, constraint \`membership_department_key_foreign\` foreign key(\`department_key\`) references \`department\`(\`key\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`membership_corp_id_index\` on \`membership\` (\`corp_id\`);`);
    this.addSql(`create index \`membership_employee_key_index\` on \`membership\` (\`employee_key\`);`);
    this.addSql(`create index \`membership_department_key_index\` on \`membership\` (\`department_key\`);`);
    this.addSql(`create unique index \`membership_employee_key_department_key_unique\` on \`membership\` (\`employee_key\`, \`department_key\`);`);

    this.addSql(`create table \`tag\` (\`key\` text not null, \`corp_id\` text not null, \`name\` text not null, \`created_at\` datetime not null, primary key (\`key\`));`);
    this.addSql(`create index \`tag_corp_id_index\` on \`tag\` (\`corp_id\`);`);
    this.addSql(`create unique index \`tag_corp_id_name_unique\` on \`tag\` (\`corp_id\`, \`name\`);`);

    this.addSql(`create table \`employee_tag\` (\`id\` text not null, \`corp_id\` text not null, \`employee_key\` text not null, \`tag_key\` text not null, constraint \`employee_tag_employee_key_foreign\` foreign key(\`employee_key\`) references \`employee\`(\`key\`) on delete cascade on update cascade, constraint \`employee_tag_tag_key_foreign\` foreign key(\`tag_key\`) references \`tag\`(\`key\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`employee_tag_corp_id_index\` on \`employee_tag\` (\`corp_id\`);`);
    this.addSql(`create index \`employee_tag_employee_key_index\` on \`employee_tag\` (\`employee_key\`);`);
    this.addSql(`create index \`employee_tag_tag_key_index\` on \`employee_tag\` (\`tag_key\`);`);
    this.addSql(`create unique index \`employee_tag_employee_key_tag_key_unique\` on \`employee_tag\` (\`employee_key\`, \`tag_key\`);`);
  }

}
