import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import type { FilterQuery } from '@mikro-orm/core';
import { Connection, errors, PageArgs, paginate, PEOPLE_ADMINS, Role, type Page } from '@corphub/module-kit';
import { Person } from '../people/person.entity';
import { AuditEntry } from './audit-entry.entity';
import { recordAudit } from './audit.record';
import type { IdentityContext } from '../context';

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry) {}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Lines about this person, or done by them.' })
  @IsOptional()
  @Length(1, 200)
  person?: string;

  @Field(() => String, { nullable: true, description: 'One action, e.g. admin_role.granted.' })
  @IsOptional()
  @Length(1, 60)
  action?: string;

  @Field(() => Date, { nullable: true, description: 'From this instant (inclusive).' })
  @IsOptional()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Before this instant (exclusive).' })
  @IsOptional()
  to?: Date;
}

@InputType({ description: 'A CSV export a client made of what the caller read: what it holds and how many rows.' })
export class RecordExportInput {
  @Field(() => String, { description: 'What was exported, e.g. "department/sales?month=2026-11" or "audit?action=app.installed".' })
  @Length(1, 200)
  what!: string;

  @Field(() => Int, { description: 'How many data rows the file holds (the header not counted).' })
  @Min(0)
  @Max(10_000_000)
  rows!: number;
}

/** Whoever reads corp data in bulk: what they export is theirs to read, and the log says they took it. */
const EXPORTERS = [Role.ADMIN, Role.DEPARTMENT_ADMIN, Role.FINANCE, Role.ANALYST];

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(...PEOPLE_ADMINS, Role.PLATFORM)
  @Query(() => AuditEntryConnection, {
    description: "The corp's audit log, newest first: role grants, installs, scope changes, hires, offboardings. A department admin reads the lines about their subtree's people.",
  })
  async auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() { em }: IdentityContext): Promise<Page<AuditEntry>> {
    if (args.from && args.to && args.from >= args.to) throw errors.BAD_USER_INPUT('from must be before to');
    const where: FilterQuery<AuditEntry> = {};
    if (args.person) where.$or = [{ subjectUnionId: args.person }, { actor: args.person }];
    if (args.action) where.action = args.action;
    if (args.from || args.to) where.occurredAt = { ...(args.from ? { $gte: args.from } : {}), ...(args.to ? { $lt: args.to } : {}) };
    return paginate(em, AuditEntry, where, args, [['occurredAt', 'desc'], ['id', 'desc']], { readOnly: true });
  }

  // the one mutation read-only roles may run (READ_ONLY_ALLOWED_MUTATIONS): an analyst's export is audited too
  @Authorized(...EXPORTERS)
  @Mutation(() => AuditEntry, {
    description: 'Records in the audit log (action export.csv) that the caller exported data as CSV. Clients call it with every export they write; analysts, who change nothing else, may call it.',
  })
  async recordExport(@Arg('input', () => RecordExportInput) input: RecordExportInput, @Ctx() { em, auth }: IdentityContext): Promise<AuditEntry> {
    const entry = recordAudit(em, auth, 'export.csv', { target: input.what, details: { rows: input.rows } });
    await em.flush();
    return entry;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person it was done to.' })
  async subject(@Root() entry: AuditEntry, @Ctx() { loaders }: IdentityContext): Promise<Person | null> {
    return entry.subjectUnionId ? loaders.personByUnionId.load(entry.subjectUnionId) : null;
  }
}
