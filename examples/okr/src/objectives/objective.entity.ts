import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CorpScoped, PeopleScoped } from '@corphub/module-kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Where an objective is on its way to the whole corp: its owner asks, their manager approves (the hub's approvals service). */
export enum ObjectiveStatus {
  PRIVATE = 'PRIVATE',
  PUBLISH_PENDING = 'PUBLISH_PENDING',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(ObjectiveStatus, {
  name: 'ObjectiveStatus',
  description: 'PRIVATE (the owner and admins), PUBLISH_PENDING (the owner asked to publish it; the manager decides), PUBLISHED (shown to the whole corp).',
});

/** The longest approver's reason kept on an objective (the approvals service's limit). */
export const MAX_DECISION_COMMENT_LENGTH = 2000;

/** An objective an employee owns for a quarter. Every row belongs to a corp (CorpScoped). */
// the table is named here so that a module copied from this one (`corphub module init`) gets tables of its own
@Entity({ tableName: 'objective' })
@PeopleScoped('ownerUnionId')
@Index({ properties: ['corpId', 'quarter', 'ownerUnionId'] })
@ObjectType({ description: 'An objective an employee owns for a quarter (OKR module).' })
export class Objective extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string & Opt = randomUUID();

  /** The owner's UnionID: the one key that joins this module to the rest of the graph. */
  @Property({ type: 'string', length: 64 })
  ownerUnionId: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  title: string;

  @Property({ type: 'string', length: 7 })
  @Field(() => String, { description: 'Calendar quarter, e.g. `2026-Q4`.' })
  quarter: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  @Property({ type: 'string', length: 16 })
  @Field(() => ObjectiveStatus)
  status: ObjectiveStatus = ObjectiveStatus.PRIVATE;

  /** Bumped by every change of status: `publishObjective` takes the version the owner read, a stale one is CONFLICT. */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Pass it to `publishObjective`: a stale version is CONFLICT.' })
  version: number & Opt = 1;

  @Property({ type: 'string', length: 64, nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: "The hub's approval request of the latest publishing (`approvalRequest(id:)`)." })
  approvalId: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When its publishing was approved.' })
  publishedAt: Date | null = null;

  @Property({ type: 'string', length: MAX_DECISION_COMMENT_LENGTH, nullable: true })
  @Field(() => String, { nullable: true, description: "The approver's reason when publishing was rejected or sent back." })
  decisionComment: string | null = null;

  constructor(ownerUnionId: string, title: string, quarter: string) {
    super();
    this.ownerUnionId = ownerUnionId;
    this.title = title;
    this.quarter = quarter;
  }
}
