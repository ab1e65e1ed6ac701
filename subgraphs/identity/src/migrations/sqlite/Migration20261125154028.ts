import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154028 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`app\` add column \`subgraph\` text null;`);
    this.addSql(`create unique index \`app_subgraph_unique\` on \`app\` (\`subgraph\`);`);

    this.addSql(`alter table \`installation\` add column \`scope\` json null;`);

    // the reference modules ship with the hub: registered like any vendor's app, each serving its subgraph.
    // Their secret is unusable ('unset' is no scrypt hash) until an operator sets one.
    this.addSql(`insert or ignore into \`app\` (\`app_id\`, \`name\`, \`vendor\`, \`secret_hash\`, \`created_at\`, \`subgraph\`) values ('attendance', 'Attendance check-in', 'Corphub reference modules', 'unset', cast(strftime('%s', 'now') as integer) * 1000, 'attendance');`);
    this.addSql(`update \`app\` set \`subgraph\` = 'attendance' where \`app_id\` = 'attendance' and \`subgraph\` is null;`);
    this.addSql(`insert or ignore into \`app\` (\`app_id\`, \`name\`, \`vendor\`, \`secret_hash\`, \`created_at\`, \`subgraph\`) values ('expenses', 'Expense reimbursement', 'Corphub reference modules', 'unset', cast(strftime('%s', 'now') as integer) * 1000, 'expenses');`);
    this.addSql(`update \`app\` set \`subgraph\` = 'expenses' where \`app_id\` = 'expenses' and \`subgraph\` is null;`);
    this.addSql(`insert or ignore into \`app\` (\`app_id\`, \`name\`, \`vendor\`, \`secret_hash\`, \`created_at\`, \`subgraph\`) values ('logs', 'Work logs', 'Corphub reference modules', 'unset', cast(strftime('%s', 'now') as integer) * 1000, 'logs');`);
    this.addSql(`update \`app\` set \`subgraph\` = 'logs' where \`app_id\` = 'logs' and \`subgraph\` is null;`);
  }

}
