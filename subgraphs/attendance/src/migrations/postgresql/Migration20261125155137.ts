import { Migration } from '@mikro-orm/migrations';

/** Rule targets move to the rule's versions: every existing version keeps the targets its rule had. */
export class Migration20261125155137 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "attendance"."rule_version" add column "department_ids" jsonb not null default '[]', add column "union_ids" jsonb not null default '[]', add column "tags" jsonb not null default '[]';`);
    this.addSql(`update "attendance"."rule_version" v set "department_ids" = r."department_ids", "union_ids" = r."union_ids", "tags" = r."tags" from "attendance"."check_in_rule" r where r."id" = v."rule_id";`);
    this.addSql(`alter table "attendance"."rule_version" alter column "department_ids" drop default, alter column "union_ids" drop default, alter column "tags" drop default;`);

    this.addSql(`alter table "attendance"."check_in_rule" drop column "department_ids", drop column "union_ids", drop column "tags";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "attendance"."check_in_rule" add column "department_ids" jsonb not null default '[]', add column "union_ids" jsonb not null default '[]', add column "tags" jsonb not null default '[]';`);
    this.addSql(`update "attendance"."check_in_rule" r set "department_ids" = v."department_ids", "union_ids" = v."union_ids", "tags" = v."tags" from (select distinct on ("rule_id") * from "attendance"."rule_version" order by "rule_id", "effective_from" desc) v where v."rule_id" = r."id";`);
    this.addSql(`alter table "attendance"."check_in_rule" alter column "department_ids" drop default, alter column "union_ids" drop default, alter column "tags" drop default;`);

    this.addSql(`alter table "attendance"."rule_version" drop column "department_ids", drop column "union_ids", drop column "tags";`);
  }

}
