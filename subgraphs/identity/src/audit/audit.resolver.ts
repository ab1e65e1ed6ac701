import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import type { FilterQuery } from '@mikro-orm/core';
import { Connection, errors, PageArgs, paginate, PEOPLE_ADMINS, Role, type Page } from '@corphub/module-kit';
import { Person } from '../people/person.entity';
import { AuditEntry } from './audit-entry.entity';
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

  @FieldResolver(() => Person, { nullable: true, description: 'The person it was done to.' })
  async subject(@Root() entry: AuditEntry, @Ctx() { loaders }: IdentityContext): Promise<Person | null> {
    return entry.subjectUnionId ? loaders.personByUnionId.load(entry.subjectUnionId) : null;
  }
}
