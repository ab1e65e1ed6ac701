import { Entity, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { AdminRoleKind, CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';

registerEnumType(AdminRoleKind, {
  name: 'AdminRoleKind',
  description: 'What a person administers in their corp.',
  valuesConfig: {
    CORP_ADMIN: { description: 'Everything in the corp (caller role `admin`).' },
    DEPARTMENT_ADMIN: { description: "One department and everything below it (caller role `department_admin`)." },
    FINANCE: { description: 'Every expense claim and report of the corp (caller role `finance`).' },
    ANALYST: { description: 'Reads the corp, changes nothing (caller role `analyst`).' },
  },
});

/** Who administers the corp: one admin role per person, recorded here and carried by the person's caller tokens. */
@Entity()
@PeopleScoped('unionId')
@Unique({ properties: ['corpId', 'unionId'] })
@ObjectType({ description: "A person's admin role in the corp, and within what scope." })
export class AdminRoleAssignment extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 40 })
  @Field(() => ID, { description: 'The person (UnionID).' })
  unionId: string;

  // a plain string column (an @Enum check constraint makes a permanent SQLite schema diff)
  @Property({ type: 'string', length: 20 })
  @Field(() => AdminRoleKind)
  role: AdminRoleKind;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => ID, { nullable: true, description: 'DEPARTMENT_ADMIN: the department whose subtree they administer.' })
  departmentId: string | null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Who granted it (the caller token’s subject).' })
  grantedBy: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  grantedAt: Date & Opt = new Date();

  constructor(unionId: string, role: AdminRoleKind, departmentId: string | null, grantedBy: string) {
    super();
    this.unionId = unionId;
    this.role = role;
    this.departmentId = departmentId;
    this.grantedBy = grantedBy;
  }
}
