import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154029 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."app" add column "subgraph" varchar(64) null;`);
    this.addSql(`alter table "identity"."app" add constraint "app_subgraph_unique" unique ("subgraph");`);

    this.addSql(`alter table "identity"."installation" add column "scope" jsonb null;`);

    // the reference modules ship with the hub: registered like any vendor's app, each serving its subgraph.
    // Their secret is unusable ('unset' is no scrypt hash) until an operator sets one.
    this.addSql(`insert into "identity"."app" ("app_id", "name", "vendor", "secret_hash", "created_at", "subgraph") values ('attendance', 'Attendance check-in', 'Corphub reference modules', 'unset', now(), 'attendance') on conflict ("app_id") do update set "subgraph" = coalesce("app"."subgraph", excluded."subgraph");`);
    this.addSql(`insert into "identity"."app" ("app_id", "name", "vendor", "secret_hash", "created_at", "subgraph") values ('expenses', 'Expense reimbursement', 'Corphub reference modules', 'unset', now(), 'expenses') on conflict ("app_id") do update set "subgraph" = coalesce("app"."subgraph", excluded."subgraph");`);
    this.addSql(`insert into "identity"."app" ("app_id", "name", "vendor", "secret_hash", "created_at", "subgraph") values ('logs', 'Work logs', 'Corphub reference modules', 'unset', now(), 'logs') on conflict ("app_id") do update set "subgraph" = coalesce("app"."subgraph", excluded."subgraph");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."app" drop constraint "app_subgraph_unique";`);
    this.addSql(`alter table "identity"."app" drop column "subgraph";`);

    this.addSql(`alter table "identity"."installation" drop column "scope";`);
  }

}
