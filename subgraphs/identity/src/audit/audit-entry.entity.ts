import { Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';

/**
 * One line of the corp's audit log: who did what, to whom, when. Written in the transaction of the change
 * (identity's own changes) or from the producing subgraph's outbox (hires, offboardings), never edited.
 * A department admin reads the lines about their subtree's people (the people scope on `subjectUnionId`).
 */
@Entity()
@PeopleScoped('subjectUnionId')
// the log pages newest first, optionally for one action or one person
@Index({ properties: ['corpId', 'occurredAt', 'id'] })
@Index({ properties: ['corpId', 'action', 'occurredAt'] })
@Index({ properties: ['corpId', 'subjectUnionId', 'occurredAt'] })
@ObjectType({ description: 'A line of the audit log: who did what, to whom, when.' })
export class AuditEntry extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  @Property({ type: 'datetime' })
  @Field(() => Date)
  occurredAt: Date & Opt = new Date();

  @Property({ type: 'string', length: 60 })
  @Field(() => String, { description: 'What was done, e.g. admin_role.granted, app.installed, employee.hired.' })
  action: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Who did it: their UnionID, or the token subject of an app or service.' })
  actor: string;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => ID, { nullable: true, description: 'The person it was done to, if any.' })
  subjectUnionId: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'What else it was done to: an app, a department.' })
  target: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The particulars as a JSON object, e.g. the role granted or the scope set.' })
  details: string | null;

  constructor(action: string, actor: string, subjectUnionId: string | null, target: string | null, details: Record<string, unknown> | null) {
    super();
    this.action = action;
    this.actor = actor;
    this.subjectUnionId = subjectUnionId;
    this.target = target;
    this.details = details ? JSON.stringify(details) : null;
  }
}
