import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154955 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`objective\` (\`id\` text not null, \`corp_id\` text not null, \`owner_union_id\` text not null, \`title\` text not null, \`quarter\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`objective_corp_id_index\` on \`objective\` (\`corp_id\`);`);
    this.addSql(`create index \`objective_corp_id_quarter_owner_union_id_index\` on \`objective\` (\`corp_id\`, \`quarter\`, \`owner_union_id\`);`);

    this.addSql(`create table \`key_result\` (\`id\` text not null, \`corp_id\` text not null, \`objective_id\` text not null, \`title\` text not null, \`progress\` integer not null default 0, \`updated_at\` datetime not null, constraint \`key_result_objective_id_foreign\` foreign key(\`objective_id\`) references \`objective\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`key_result_corp_id_index\` on \`key_result\` (\`corp_id\`);`);
    this.addSql(`create index \`key_result_objective_id_index\` on \`key_result\` (\`objective_id\`);`);
  }

}
